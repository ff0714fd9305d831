package io.github.webuimigrations.orchestration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

import io.github.webuimigrations.SchemaStatus;

/**
 * Runs the start-up mode before any other runner and before the application reports itself
 * ready: migrate (the default), validate, or migrate and then stop the application once it
 * is ready (a Kubernetes Job). A failure stops the start-up (upstream logs it and runs on a
 * stale schema; we do not).
 *
 * @author webui-migrations
 */
public class DatabaseMigrationRunner implements ApplicationRunner, ApplicationListener<ApplicationReadyEvent>, Ordered {

	private static final Log logger = LogFactory.getLog(DatabaseMigrationRunner.class);

	private final DatabaseMigrator migrator;

	private final StartupMode mode;

	public DatabaseMigrationRunner(DatabaseMigrator migrator) {
		this(migrator, StartupMode.MIGRATE);
	}

	public DatabaseMigrationRunner(DatabaseMigrator migrator, StartupMode mode) {
		this.migrator = migrator;
		this.mode = mode;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.mode == StartupMode.VALIDATE) {
			SchemaStatus status = this.migrator.validate();
			logger.info("Database is up to date: legacy tier at " + status.legacyVersion() + ", revision "
					+ status.revision());
			return;
		}
		this.migrator.migrate();
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (this.mode == StartupMode.MIGRATE_AND_EXIT && event.getApplicationContext().isActive()) {
			logger.info("Migrations done; closing the application (mode migrate-and-exit)");
			SpringApplication.exit(event.getApplicationContext());
		}
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
