package io.github.webuimigrations.orchestration;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.webuimigrations.MigrationException;
import io.github.webuimigrations.database.Dialect;
import io.github.webuimigrations.database.MigrationLease;
import io.github.webuimigrations.database.Sql;
import io.github.webuimigrations.revisioned.Revisions;
import io.github.webuimigrations.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The lock over both tiers: one holder at a time, a waiter that gives up with a clear message,
 * Liquibase's lock row left by a killed process no longer stopping anyone, and on PostgreSQL a
 * run whose lock session ended stopping before a next holder reads what it committed.
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
				if (dialect == Dialect.POSTGRESQL) {
					// the backend to end when its process is gone but its session is not
					assertThatThrownBy(() -> CompletableFuture.supplyAsync(() -> lock.acquire("migrate")).join().close())
						.cause()
						.hasMessageMatching("(?s).*\\(PostgreSQL advisory lock -?\\d+ \\(schema public\\), held by "
								+ "PostgreSQL backend \\d+ from 127\\.0\\.0\\.1(/32)?, idle since .*");
				}
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

	@Test
	void aRunWhoseLockSessionEndedStopsAndTheNextHolderWaitsForItsTransaction() throws Exception {
		try (TestDatabase database = TestDatabase.postgres()) {
			MigrationLock lock = new MigrationLock(database.dataSource(), Duration.ofSeconds(30));
			MigrationLock.Held held = lock.acquire("migrate to head");
			try (MigrationLease.Binding lease = held.lease().bind(); Connection work = database.connection();
					Connection other = database.connection()) {
				work.setAutoCommit(false);
				// a migration begins under the lock
				MigrationLease.confirm(work);
				work.createStatement().execute("CREATE TABLE begun_under_the_first_holder (id integer)");
				// the lock's session ends (an administrator, a proxy), the process goes on
				assertThat(database.terminateLockSession()).isEqualTo(1);
				// another instance (another process: its own session) takes the lock at once...
				assertThat(tryLock(other, AdvisoryLock.key("webui-migrations:public"))).isTrue();
				// ...but not the barrier while a transaction begun under the first holder is open
				assertThat(tryLock(other, AdvisoryLock.key("webui-migrations-barrier:public"))).isFalse();
				// and the next migration of the first run stops before it commits anything more
				assertThatThrownBy(() -> MigrationLease.confirm(work)).isInstanceOf(MigrationException.class)
					.hasMessageStartingWith("Lost the migration lock: its session (PostgreSQL backend ")
					.hasMessageContaining("Run migrate again");
				work.rollback();
				assertThat(tryLock(other, AdvisoryLock.key("webui-migrations-barrier:public"))).isTrue();
			}
			finally {
				held.close();
			}
			assertThat(count(database, "SELECT count(*) FROM pg_tables WHERE tablename = 'begun_under_the_first_holder'"))
				.isZero();
		}
	}

	@Test
	void aRunWhoseLockSessionEndsMidwayLeavesEachMigrationAppliedOnce() throws Exception {
		try (TestDatabase database = TestDatabase.postgres()) {
			CompletableFuture<Void> first = CompletableFuture.runAsync(() -> database.migrator().migrate());
			// the first holder's session ends while it migrates; a second instance waits meanwhile
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
			while (database.terminateLockSession() == 0 && !first.isDone() && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			CompletableFuture<Void> second = CompletableFuture.runAsync(() -> database.migrator().migrate());
			// the first stops at its next migration, in one line that says what happened
			assertThatThrownBy(first::join).isInstanceOf(CompletionException.class)
				.cause()
				.hasMessageContaining("Lost the migration lock: its session (PostgreSQL backend ")
				.hasMessageNotContaining("\n");
			second.join();
			database.migrator().migrate();
			assertThat(count(database, "SELECT count(*) FROM flyway_legacy_history WHERE version IS NOT NULL")).isEqualTo(18);
			assertThat(count(database, "SELECT count(*) FROM migratehistory")).isEqualTo(18);
			assertThat(count(database, "SELECT count(*) FROM DATABASECHANGELOG")).isEqualTo(Revisions.CHAIN.size());
			assertThat(database.migrator().validate().revision()).isEqualTo(Revisions.HEAD);
		}
	}

	private static boolean tryLock(Connection connection, long key) throws Exception {
		return Sql.strings(connection, "SELECT pg_try_advisory_lock(" + key + ")").get(0).equals("t");
	}

	private static long count(TestDatabase database, String sql) throws Exception {
		return Long.parseLong(Sql.strings(database.connection(), sql).get(0));
	}

}
