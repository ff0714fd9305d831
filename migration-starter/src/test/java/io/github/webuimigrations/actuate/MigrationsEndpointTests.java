package io.github.webuimigrations.actuate;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import io.github.webuimigrations.MigrationBlockedException;
import io.github.webuimigrations.MigrationException;
import io.github.webuimigrations.MigrationListener;
import io.github.webuimigrations.Tier;
import io.github.webuimigrations.actuate.MigrationsEndpoint.MigrationDescriptor;
import io.github.webuimigrations.actuate.MigrationsEndpoint.MigrationsDescriptor;
import io.github.webuimigrations.database.Dialect;
import io.github.webuimigrations.orchestration.DatabaseMigrator;
import io.github.webuimigrations.revisioned.Revisions;
import io.github.webuimigrations.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Every state of the {@code migrations} endpoint and health contributor, on real databases
 * of both dialects.
 */
class MigrationsEndpointTests {

	@TempDir
	Path directory;

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void emptyDatabaseIsBehindWithEverythingPending(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			DatabaseMigrator migrator = database.migrator();
			MigrationsDescriptor view = new MigrationsEndpoint(migrator).migrations();
			assertThat(view.upToDate()).isFalse();
			assertThat(view.status()).isEqualTo("behind");
			assertThat(view.run().phase()).isEqualTo("idle");
			assertThat(view.tiers()).extracting(MigrationsEndpoint.TierDescriptor::tier)
				.containsExactly("legacy", "revisioned");
			assertThat(view.tiers().get(0).migrations()).hasSize(18)
				.allSatisfy((migration) -> assertThat(migration.state()).isEqualTo("pending"));
			assertThat(view.tiers().get(1).migrations()).hasSize(Revisions.CHAIN.size())
				.allSatisfy((migration) -> assertThat(migration.state()).isEqualTo("pending"));
			Health health = new MigrationsHealthIndicator(migrator).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
			assertThat(health.getDetails()).containsEntry("state", "behind");
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void migratedDatabaseIsUpToDateWithTimesAndChecksums(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			SimpleMeterRegistry meters = new SimpleMeterRegistry();
			DatabaseMigrator migrator = database.migrator(new MigrationMetrics(() -> meters));
			migrator.migrate();
			MigrationsDescriptor view = new MigrationsEndpoint(migrator).migrations();
			assertThat(view.upToDate()).isTrue();
			assertThat(view.status()).isEqualTo("up_to_date");
			assertThat(view.legacyVersion()).isEqualTo("018_add_function_is_global");
			assertThat(view.revision()).isEqualTo("d4c1a8e37b62");
			assertThat(view.openWebui()).isEqualTo(new MigrationsEndpoint.OpenWebuiDescriptor("0.11.4", "0.11.1 to 0.11.4"));
			assertThat(view.run().phase()).isEqualTo("succeeded");
			assertThat(view.tiers()).flatExtracting(MigrationsEndpoint.TierDescriptor::migrations)
				.hasSize(18 + Revisions.CHAIN.size())
				.allSatisfy((migration) -> {
					assertThat(migration.state()).isEqualTo("applied");
					assertThat(migration.installedOn()).isNotNull();
					assertThat(migration.executionTime()).isNotNull();
					assertThat(migration.checksum()).isNotBlank();
					assertThat(migration.changed()).isFalse();
				});
			Health health = new MigrationsHealthIndicator(migrator).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("revision", "d4c1a8e37b62")
				.containsEntry("openWebuiVersion", "0.11.1 to 0.11.4")
				.containsEntry("legacyVersion", "018_add_function_is_global");
			// Micrometer: one timer per tier and per migration
			assertThat(meters.get(MigrationMetrics.TIER_TIMER).tag("tier", "legacy").timer().count()).isEqualTo(1);
			assertThat(meters.get(MigrationMetrics.TIER_TIMER).tag("tier", "revisioned").timer().count()).isEqualTo(1);
			assertThat(meters.get(MigrationMetrics.MIGRATION_TIMER).timers()).hasSize(18 + Revisions.CHAIN.size());
			assertThat(meters.get(MigrationMetrics.MIGRATION_TIMER)
				.tags("tier", "revisioned", "migration", "242a2047eae0", "outcome", "success")
				.timer()
				.count()).isEqualTo(1);
			assertThat(migrator.validate().isUpToDate()).isTrue();
			MigrationsEndpoint.DriftDescriptor drift = new MigrationsEndpoint(migrator).section("drift");
			assertThat(drift.none()).isTrue();
			assertThat(drift.point()).isEqualTo("legacy 018, revision d4c1a8e37b62");
			assertThatExceptionOfType(InvalidEndpointRequestException.class)
				.isThrownBy(() -> new MigrationsEndpoint(migrator).section("nothing"));
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void databaseBuiltByRevisionsAloneIsAdoptedWithTheLegacyTierSkipped(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			// as open-webui >= 0.10 builds it: the chain alone, recorded only in alembic_version
			database.revisionedTier().migrate(null);
			database.execute("DROP TABLE DATABASECHANGELOG", "DROP TABLE DATABASECHANGELOGLOCK");
			DatabaseMigrator migrator = database.migrator();
			MigrationsDescriptor view = new MigrationsEndpoint(migrator).migrations();
			assertThat(view.tiers().get(0).migrations())
				.allSatisfy((migration) -> assertThat(migration.state()).isEqualTo("skipped"));
			assertThat(view.tiers().get(1).migrations())
				.allSatisfy((migration) -> assertThat(migration.state()).isEqualTo("adopted"));
			assertThat(view.upToDate()).isTrue();
			assertThat(view.legacyVersion()).isEqualTo("skipped");
			migrator.migrate();
			assertThat(new MigrationsEndpoint(migrator).migrations().tiers().get(1).migrations())
				.allSatisfy((migration) -> assertThat(migration.state()).isEqualTo("adopted"));
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void unknownRevisionMeansTheDatabaseIsAhead(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			DatabaseMigrator migrator = database.migrator();
			migrator.migrate();
			database.execute("UPDATE alembic_version SET version_num = 'a0a0a0a0a0a0'");
			MigrationsDescriptor view = new MigrationsEndpoint(migrator).migrations();
			assertThat(view.status()).isEqualTo("ahead");
			assertThat(view.tiers().get(1).migrations()).last()
				.satisfies((migration) -> assertThat(migration.id()).isEqualTo("a0a0a0a0a0a0"))
				.satisfies((migration) -> assertThat(migration.state()).isEqualTo("unknown"));
			// its schema holds everything of ours (webui.migrations.ahead=tolerate): usable, said in the details
			Health health = new MigrationsHealthIndicator(migrator).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("state", "ahead").containsEntry("drift", "none");
			assertThat(health.getDetails().get("problems").toString()).contains("a0a0a0a0a0a0");
			assertThatExceptionOfType(MigrationException.class).isThrownBy(migrator::validate)
				.withMessageStartingWith("The database is not up to date (ahead): revisioned migration a0a0a0a0a0a0 is "
						+ "recorded in the database but not part of this version");
			database.execute("DROP INDEX timer_at_idx");
			DatabaseMigrator fresh = database.migrator();
			Health lacking = new MigrationsHealthIndicator(fresh).health(true);
			assertThat(lacking.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void tamperedChecksumsAreReportedAsChanged(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			DatabaseMigrator migrator = database.migrator();
			migrator.migrate();
			database.execute("UPDATE DATABASECHANGELOG SET MD5SUM = '9:00000000000000000000000000000000' "
					+ "WHERE ID = '242a2047eae0'", "UPDATE flyway_legacy_history SET checksum = 42 WHERE version = '010'");
			MigrationsDescriptor view = new MigrationsEndpoint(migrator).migrations();
			assertThat(view.status()).isEqualTo("changed");
			assertThat(view.tiers()).flatExtracting(MigrationsEndpoint.TierDescriptor::migrations)
				.filteredOn(MigrationDescriptor::changed)
				.extracting(MigrationDescriptor::id)
				.containsExactly("010", "242a2047eae0");
			assertThatExceptionOfType(MigrationException.class).isThrownBy(migrator::validate)
				.withMessageContaining("010_migrate_modelfiles_to_models was changed")
				.withMessageContaining("242a2047eae0_update_chat_table was changed");
			assertThat(new MigrationsHealthIndicator(migrator).health(true).getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void failedRunShowsTheFailedRevisionAndHealthIsDown(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			DatabaseMigrator migrator = database.migrator();
			migrator.migrate(migrator.target("959eaac8f909"));
			for (String[] user : new String[][] { { "u1", "Ada@x.com" }, { "u2", "ada@X.com" } }) {
				database.execute("INSERT INTO \"user\" (id, name, email, role, profile_image_url, created_at, updated_at, "
						+ "last_active_at) VALUES ('" + user[0] + "', 'n', '" + user[1] + "', 'user', '', 1, 1, 1)");
			}
			assertThatExceptionOfType(MigrationBlockedException.class).isThrownBy(migrator::migrate);
			MigrationsDescriptor view = new MigrationsEndpoint(migrator).migrations();
			assertThat(view.run().phase()).isEqualTo("failed");
			assertThat(view.run().failedMigration()).isEqualTo("revisioned:f0bd01a18a3d");
			assertThat(view.run().failure()).startsWith("Nothing was migrated: 2 rows stop a pending migration")
				.contains("differs from another user's only in case");
			assertThat(view.tiers().get(1).migrations()).filteredOn((migration) -> !migration.state().equals("applied"))
				.extracting(MigrationDescriptor::id, MigrationDescriptor::state)
				.containsExactly(tuple("f0bd01a18a3d", "failed"), tuple("1ce6ade7d93b", "pending"),
						tuple("6d09d1bf1f23", "pending"), tuple("d4c1a8e37b62", "pending"));
			Health health = new MigrationsHealthIndicator(migrator).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("state", "failed")
				.containsEntry("migration", "revisioned:f0bd01a18a3d");
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void runningDataMigrationShowsItsProgress(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			DatabaseMigrator first = database.migrator();
			first.migrate(first.target("6a39f3d8e55c"));
			StringBuilder values = new StringBuilder();
			for (int i = 0; i < 1200; i++) {
				values.append((i > 0) ? ", " : "").append("('c").append(String.format("%04d", i))
					.append("', 'u1', 't', '{}', ").append(database.isSqlite() ? "0" : "false").append(", 1, 1)");
			}
			database.execute("INSERT INTO chat (id, user_id, title, chat, archived, created_at, updated_at) VALUES " + values);
			CountDownLatch paused = new CountDownLatch(1);
			CountDownLatch resume = new CountDownLatch(1);
			MigrationListener pauseAfterFirstPage = new MigrationListener() {
				@Override
				public void rowsDone(Tier tier, String id, long done, long total) {
					// the one pass over chat runs with the last revision of its group
					if (id.equals("9a1b2c3d4e5f") && done == 500) {
						paused.countDown();
						await(resume);
					}
				}
			};
			DatabaseMigrator migrator = database.migrator(pauseAfterFirstPage);
			CompletableFuture<Void> run = CompletableFuture.runAsync(migrator::migrate);
			assertThat(paused.await(60, TimeUnit.SECONDS)).isTrue();
			try {
				MigrationsDescriptor view = new MigrationsEndpoint(migrator).migrations();
				assertThat(view.run().phase()).isEqualTo("migrating");
				assertThat(view.run().current().id()).isEqualTo("9a1b2c3d4e5f");
				assertThat(view.run().current().progress().done()).isEqualTo(500);
				assertThat(view.run().current().progress().total()).isEqualTo(1200);
				assertThat(view.tiers().get(1).migrations())
					.filteredOn((migration) -> migration.id().equals("9a1b2c3d4e5f"))
					.singleElement()
					.satisfies((migration) -> assertThat(migration.state()).isEqualTo("running"));
				Health health = new MigrationsHealthIndicator(migrator).health(true);
				assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
				assertThat(health.getDetails()).containsEntry("state", "migrating")
					.containsEntry("migration", "revisioned:9a1b2c3d4e5f");
			}
			finally {
				resume.countDown();
			}
			run.get(120, TimeUnit.SECONDS);
			assertThat(new MigrationsEndpoint(migrator).migrations().upToDate()).isTrue();
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void rollbackAcrossTheTierBoundary(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			DatabaseMigrator migrator = database.migrator();
			migrator.migrate();
			MigrationsDescriptor view = new MigrationsEndpoint(migrator).rollback("011");
			assertThat(view.legacyVersion()).isEqualTo("011_add_user_settings");
			assertThat(view.revision()).isEqualTo("none");
			assertThat(view.tiers().get(1).migrations())
				.allSatisfy((migration) -> assertThat(migration.state()).isEqualTo("pending"));
			migrator.migrate(migrator.target("242a2047eae0"));
			assertThat(new MigrationsEndpoint(migrator).migrations().revision()).isEqualTo("242a2047eae0");
			// refused (010 cannot be rolled back) or unknown: a bad request, and nothing changes
			assertThatExceptionOfType(InvalidEndpointRequestException.class)
				.isThrownBy(() -> new MigrationsEndpoint(migrator).rollback("009"))
				.withMessageContaining("refused");
			assertThatExceptionOfType(InvalidEndpointRequestException.class)
				.isThrownBy(() -> new MigrationsEndpoint(migrator).rollback("nowhere"))
				.withMessageContaining("Unknown migration target 'nowhere'");
			assertThat(new MigrationsEndpoint(migrator).migrations().revision()).isEqualTo("242a2047eae0");
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
