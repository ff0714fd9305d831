package io.github.webuimigrations.actuate;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import io.github.webuimigrations.SchemaStatus;
import io.github.webuimigrations.drift.SchemaDrift;
import io.github.webuimigrations.orchestration.DatabaseMigrator;
import io.github.webuimigrations.orchestration.MigrationRun;

/**
 * The {@code migrations} health contributor: UP when every migration is applied and
 * unchanged; OUT_OF_SERVICE while this process migrates or when the database is behind or
 * ahead of the application; DOWN after a failed run. Fit for a readiness group.
 *
 * @author webui-migrations
 */
public class MigrationsHealthIndicator extends AbstractHealthIndicator {

	private final DatabaseMigrator migrator;

	public MigrationsHealthIndicator(DatabaseMigrator migrator) {
		super("Migrations health check failed");
		this.migrator = migrator;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		MigrationRun.Snapshot run = this.migrator.run();
		if (run.phase() == MigrationRun.Phase.MIGRATING || run.phase() == MigrationRun.Phase.ROLLING_BACK) {
			// no database read while migrating: SQLite would wait on the migration's lock
			builder.status(Status.OUT_OF_SERVICE).withDetail("state", run.phase().name().toLowerCase());
			if (run.current() != null) {
				builder.withDetail("migration", run.current().tier().name().toLowerCase() + ":" + run.current().id());
				if (run.current().progress() != null) {
					builder.withDetail("progress", run.current().progress());
				}
			}
			return;
		}
		if (run.phase() == MigrationRun.Phase.FAILED) {
			builder.down().withDetail("state", "failed").withDetail("error", String.valueOf(run.failure()));
			if (run.failedMigration() != null) {
				builder.withDetail("migration", run.failedMigration());
			}
			return;
		}
		SchemaStatus status = this.migrator.status();
		// a database a newer open-webui migrated, whose schema still holds all of ours, is usable
		boolean usable = status.isUpToDate() || this.migrator.aheadTolerated();
		builder.status(usable ? Status.UP : Status.OUT_OF_SERVICE)
			.withDetail("state", status.level().name().toLowerCase())
			.withDetail("legacyVersion", status.legacyVersion())
			.withDetail("revision", status.revision())
			.withDetail("openWebuiVersion", status.openWebuiVersion());
		SchemaDrift drift = this.migrator.lastDrift();
		if (drift != null) {
			builder.withDetail("drift", drift.isEmpty() ? "none"
					: drift.differences().stream().limit(10).map(Object::toString).toList());
		}
		if (!status.problems().isEmpty()) {
			builder.withDetail("problems", status.problems().subList(0, Math.min(10, status.problems().size())));
		}
	}

}
