package io.github.webuimigrations.orchestration;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.webuimigrations.MigrationException;
import io.github.webuimigrations.database.Dialect;
import io.github.webuimigrations.database.Sql;
import io.github.webuimigrations.revisioned.Revisions;
import io.github.webuimigrations.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The lock over both tiers: one holder at a time, a waiter that gives up with a clear message,
 * and Liquibase's lock row left by a killed process no longer stopping anyone.
 * (Several processes at once: the sample app's end-to-end tests.)
 */
class MigrationLockTests {

	@TempDir
	Path directory;

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void oneHolderAtATimeAndAWaiterGivesUpWithAClearMessage(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			MigrationLock lock = new MigrationLock(database.dataSource(), Duration.ofMillis(800));
			try (MigrationLock.Held held = lock.acquire("migrate to head")) {
				assertThatThrownBy(() -> CompletableFuture.supplyAsync(() -> lock.acquire("migrate to head")).join().close())
					.cause()
					.isInstanceOf(MigrationException.class)
					.hasMessageStartingWith("Gave up after ")
					.hasMessageContaining("s waiting for the migration lock (")
					.hasMessageContaining("another instance is still migrating this database")
					.hasMessageContaining("webui.migrations.lock-timeout");
			}
			// released: the next one takes it at once
			CompletableFuture.runAsync(() -> lock.acquire("migrate to head").close()).join();
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void twoMigrationsAtOnceApplyEachMigrationOnce(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			CompletableFuture<Void> first = CompletableFuture.runAsync(() -> database.migrator().migrate());
			CompletableFuture<Void> second = CompletableFuture.runAsync(() -> database.migrator().migrate());
			first.join();
			second.join();
			assertThat(count(database, "SELECT count(*) FROM flyway_legacy_history WHERE version IS NOT NULL")).isEqualTo(18);
			assertThat(count(database, "SELECT count(*) FROM migratehistory")).isEqualTo(18);
			assertThat(count(database, "SELECT count(*) FROM DATABASECHANGELOG")).isEqualTo(Revisions.CHAIN.size());
			assertThat(database.migrator().validate().revision()).isEqualTo(Revisions.HEAD);
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void liquibaseLockLeftByAKilledProcessIsReleased(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			DatabaseMigrator migrator = database.migrator();
			migrator.migrate(migrator.target("6a39f3d8e55c"));
			// what a process killed inside Liquibase's update leaves behind
			database.execute("UPDATE DATABASECHANGELOGLOCK SET LOCKED = TRUE, LOCKGRANTED = CURRENT_TIMESTAMP, "
					+ "LOCKEDBY = 'killed-host (10.0.0.9)' WHERE ID = 1");
			long start = System.nanoTime();
			migrator.migrate();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMinutes(1));
			assertThat(migrator.validate().revision()).isEqualTo(Revisions.HEAD);
			assertThat(Sql.strings(database.connection(), "SELECT LOCKEDBY FROM DATABASECHANGELOGLOCK"))
				.containsExactly((String) null);
		}
	}

	private static long count(TestDatabase database, String sql) throws Exception {
		return Long.parseLong(Sql.strings(database.connection(), sql).get(0));
	}

}
