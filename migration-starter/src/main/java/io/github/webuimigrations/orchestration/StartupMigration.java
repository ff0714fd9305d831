package io.github.webuimigrations.orchestration;

import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.webuimigrations.SchemaStatus;

/**
 * What the start-up mode does, done once per application: migrate (also for
 * {@code migrate-and-exit}) or validate. A failure stops the start-up (upstream logs it and
 * runs on a stale schema; we do not). Run by {@link DatabaseMigrationInitializer} or
 * {@link DatabaseMigrationRunner}, whichever comes first.
 *
 * @author webui-migrations
 */
public class StartupMigration {

	private static final Log logger = LogFactory.getLog(StartupMigration.class);

	private final DatabaseMigrator migrator;

	private final StartupMode mode;

	private final AtomicBoolean done = new AtomicBoolean();

	/**
	 * The start-up run of a mode.
	 * @param migrator the migrator
	 * @param mode the start-up mode
	 */
	public StartupMigration(DatabaseMigrator migrator, StartupMode mode) {
		this.migrator = migrator;
		this.mode = mode;
	}

	/**
	 * Run the mode, unless it ran already.
	 * @return whether it ran now
	 */
	public boolean runOnce() {
		if (!this.done.compareAndSet(false, true)) {
			return false;
		}
		if (this.mode == StartupMode.VALIDATE) {
			SchemaStatus status = this.migrator.validate();
			logger.info("Database is up to date: legacy tier at " + status.legacyVersion() + ", revision "
					+ status.revision());
		}
		else if (this.mode != StartupMode.DISABLED) {
			this.migrator.migrate();
		}
		return true;
	}

	StartupMode mode() {
		return this.mode;
	}

}
