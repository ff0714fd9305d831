package io.github.webuimigrations.orchestration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.webuimigrations.MigrationInfo;
import io.github.webuimigrations.MigrationListener;
import io.github.webuimigrations.MigrationTarget;
import io.github.webuimigrations.MigrationTier;
import io.github.webuimigrations.PreflightFinding;
import io.github.webuimigrations.SchemaStatus;
import io.github.webuimigrations.database.ConnectionCheck;
import io.github.webuimigrations.database.ConnectionTarget;
import io.github.webuimigrations.database.MigrationLease;
import io.github.webuimigrations.database.WebuiDatabase;
import io.github.webuimigrations.drift.DriftCheck;
import io.github.webuimigrations.drift.SchemaDrift;
import io.github.webuimigrations.legacy.migrations.LegacyMigrations;
import io.github.webuimigrations.revisioned.Revisions;

/**
 * Runs open-webui's two migration tiers in upstream's order, the legacy tier first, and
 * reports their state. This is the Java API behind the start-up run, the commands, the
 * actuator endpoint and the health contributor. Built from a {@link MigratorConfiguration}
 * ({@link #configure}); each operation opens what it needs, and {@code migrate},
 * {@code rollback} and {@code restore} run under the migration lock.
 *
 * @author webui-migrations
 */
public class DatabaseMigrator {

	private static final Log logger = LogFactory.getLog(DatabaseMigrator.class);

	private final WebuiDatabase database;

	private final ConnectionTarget connectionTarget;

	private final List<MigrationTier> tiers;

	private final MigrationRun run = new MigrationRun();

	private final MigrationLock lock;

	private final DatabaseBackups backups;

	private final DriftReports drift;

	private final Upgrade upgrade;

	private volatile boolean connectionVerified;

	/**
	 * A migrator as configured.
	 * @param configuration the configuration
	 */
	public DatabaseMigrator(MigratorConfiguration configuration) {
		this.database = configuration.database();
		this.connectionTarget = configuration.connectionTarget();
		this.tiers = configuration.tiers(this.database);
		this.lock = new MigrationLock(configuration.dataSource(), configuration.lockTimeout());
		this.backups = configuration.backups();
		Set<String> bookkeeping = new HashSet<>();
		// a scratch database keeps the default history table
		this.tiers.forEach((tier) -> bookkeeping.addAll(tier.bookkeepingTables()));
		configuration.scratchTiers(this.database).forEach((tier) -> bookkeeping.addAll(tier.bookkeepingTables()));
		this.drift = new DriftReports(new DriftCheck(this.database, configuration::scratchTiers, bookkeeping),
				configuration.ahead());
		List<MigrationListener> listeners = new ArrayList<>();
		listeners.add(this.run);
		listeners.addAll(configuration.listeners());
		this.upgrade = new Upgrade(this.database, this.tiers, this.run, new RunListeners(List.copyOf(listeners)), this.backups,
				this.drift);
	}

	/**
	 * Start configuring a migrator of a database.
	 * @param dataSource the open-webui database
	 * @return the configuration, with every setting at its default
	 */
	public static MigratorConfiguration configure(DataSource dataSource) {
		return new MigratorConfiguration(dataSource);
	}

	/**
	 * Apply everything pending in both tiers.
	 * @throws io.github.webuimigrations.MigrationException if a migration fails
	 * @throws io.github.webuimigrations.database.DatabaseSettingsException if the database
	 * cannot be opened
	 */
	public void migrate() {
		migrate(MigrationTarget.HEAD);
	}

	/**
	 * Apply pending migrations up to and including the target.
	 * @param target where to stop
	 */
	public void migrate(MigrationTarget target) {
		try {
			locked("migrate to " + target, () -> this.upgrade.run(target));
		}
		catch (RuntimeException ex) {
			this.run.failed(ex.getMessage());
			String backup = this.run.snapshot().backup();
			if (backup != null) {
				logger.warn("The database was copied to " + backup + " before this run; the restore command "
						+ "(DatabaseMigrator.restore) puts that copy back");
			}
			throw ex;
		}
	}

	/**
	 * Roll back applied migrations, newest first, until the target is the last one applied.
	 * Crossing from the revisioned tier into the legacy tier downgrades every revision first; a
	 * rollback any tier refuses is refused before anything changes.
	 * @param target where to stop ({@code base} for the start of the legacy tier)
	 */
	public void rollback(MigrationTarget target) {
		try {
			locked("roll back to " + target, () -> {
				this.tiers.forEach(MigrationTier::clearStaleLocks);
				this.run.started(MigrationRun.Phase.ROLLING_BACK, SchemaInfo.read(this.tiers, false));
				List<MigrationTier> newestFirst = new ArrayList<>(this.tiers);
				Collections.reverse(newestFirst);
				newestFirst.forEach((tier) -> tier.checkRollback(target));
				newestFirst.forEach((tier) -> tier.rollback(target));
				this.run.succeeded();
			});
		}
		catch (RuntimeException ex) {
			this.run.failed(ex.getMessage());
			throw ex;
		}
	}

	/**
	 * Every migration of both tiers, in order, with its state; a migration this process is
	 * applying or failed to apply shows as running or failed.
	 * @return the migrations
	 */
	public List<MigrationInfo> info() {
		List<MigrationInfo> view = this.run.view();
		if (view != null) {
			// this process is migrating: answer from the run, not from a database in mid-change
			return view;
		}
		return connected(() -> SchemaInfo.read(this.tiers, this.run));
	}

	/**
	 * How the database stands against this version's migrations.
	 * @return the status
	 */
	public SchemaStatus status() {
		return SchemaStatus.of(info());
	}

	/**
	 * Check that every migration is applied and unchanged.
	 * @return the status, up to date
	 * @throws io.github.webuimigrations.MigrationException naming what is not, if anything is not
	 */
	public SchemaStatus validate() {
		SchemaStatus status = status();
		SchemaInfo.requireUpToDate(status);
		return status;
	}

	/**
	 * Read the data and list every row that would stop a pending migration, or that
	 * open-webui would stop on or lose, and what open-webui left half-done; nothing is changed.
	 * @return the findings, in migration order
	 */
	public List<PreflightFinding> preflight() {
		return connected(() -> {
			List<PreflightFinding> findings = new ArrayList<>();
			this.tiers.forEach((tier) -> {
				findings.addAll(tier.halfDone());
				findings.addAll(tier.preflight());
			});
			return findings;
		});
	}

	/**
	 * What open-webui left half-done, found by the schema and the data: {@code REPAIR} what
	 * {@code migrate} completes (the trace of open-webui's failure is there, or the repair was
	 * asked for), {@code POSSIBLE_REPAIR} what a user's own changes may as well have left
	 * (reported only), {@code BLOCKS} what a person must look at. Changes nothing; while this
	 * process migrates, nothing is read.
	 * @return the findings
	 */
	public List<PreflightFinding> halfDone() {
		if (this.run.view() != null) {
			return List.of();
		}
		return connected(() -> {
			List<PreflightFinding> findings = new ArrayList<>();
			this.tiers.forEach((tier) -> findings.addAll(tier.halfDone()));
			return findings;
		});
	}

	/**
	 * Compare the live schema with the one this starter's migrations build at the database's
	 * recorded point (for a database ahead of us: our head), in a scratch database of the same
	 * dialect. A result is reused for a few minutes while the recorded point stays the same.
	 * @return the drift
	 */
	public SchemaDrift drift() {
		return connected(() -> this.drift.drift(SchemaInfo.read(this.tiers, false)));
	}

	/**
	 * Whether this database, ahead of this version, is used as it is: the policy tolerates it
	 * and its schema holds everything our head has.
	 * @return false for a database that is not ahead
	 */
	public boolean aheadTolerated() {
		return this.drift.tolerated(SchemaInfo.read(this.tiers, false));
	}

	/**
	 * The last drift result, if one was computed for the current recorded point recently;
	 * never starts a check.
	 * @return the drift, or {@code null}
	 */
	public SchemaDrift lastDrift() {
		return this.drift.last();
	}

	/**
	 * The copies of the database taken before upgrades, newest first (none for PostgreSQL).
	 * @return the backup files
	 */
	public List<Path> backups() {
		return connected(this.backups::list);
	}

	/**
	 * Put a backup back, under the migration lock: the database's tables become the backup's,
	 * in one transaction.
	 * @param backup a backup file of this database
	 */
	public void restore(Path backup) {
		locked("restore " + backup.getFileName(), () -> this.backups.restore(backup));
		logger.info("Restored " + backup);
	}

	/**
	 * What this process is doing to the database, or did last.
	 * @return the run's state
	 */
	public MigrationRun.Snapshot run() {
		return this.run.snapshot();
	}

	/**
	 * Parse a target against this migrator's migrations.
	 * @param text the target as written by a user
	 * @return the target
	 */
	public MigrationTarget target(String text) {
		return MigrationTarget.parse(text, LegacyMigrations.names(), Revisions.fileNames());
	}

	private void locked(String operation, Runnable work) {
		connected(() -> {
			try (MigrationLock.Held held = this.lock.acquire(operation);
					MigrationLease.Binding lease = held.lease().bind()) {
				work.run();
			}
			return null;
		});
	}

	/**
	 * Check once that the database opens, straight through the driver, for a one-line reason
	 * naming the setting; later calls (health probes, the page) skip it.
	 */
	private <T> T connected(Supplier<T> work) {
		if (!this.connectionVerified) {
			ConnectionCheck.verify(this.database.dataSource(), this.connectionTarget);
			this.connectionVerified = true;
		}
		return work.get();
	}

}
