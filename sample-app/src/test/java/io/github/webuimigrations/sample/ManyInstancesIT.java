package io.github.webuimigrations.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.webuimigrations.database.Dialect;
import io.github.webuimigrations.database.Sql;
import io.github.webuimigrations.revisioned.Revisions;
import io.github.webuimigrations.testsupport.PgBouncer;
import io.github.webuimigrations.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Six instances of the app start at once against one fresh database (as replicas or init
 * containers do): one migrates, the others wait for the lock and then find nothing to do;
 * all reach ready, and every migration is recorded once. Through PgBouncer: in session pooling
 * the same; in transaction pooling every instance refuses in one line and nothing changes, unless
 * the migrations have a URL of their own around the pooler.
 */
class ManyInstancesIT {

	private static final int INSTANCES = 6;

	@TempDir
	Path directory;

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void sixInstancesAtOnceMigrateOnce(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			migrateOnce(database, Map.of("DATABASE_URL", database.url()));
		}
	}

	@Test
	void sixInstancesThroughPgBouncerInSessionModeMigrateOnce() throws Exception {
		try (TestDatabase database = TestDatabase.postgres(); PgBouncer bouncer = PgBouncer.start("session")) {
			migrateOnce(database, Map.of("DATABASE_URL", bouncer.url(database)));
		}
	}

	@Test
	void sixInstancesThroughATransactionPoolerRefuseAndChangeNothing() throws Exception {
		try (TestDatabase database = TestDatabase.postgres(); PgBouncer bouncer = PgBouncer.start("transaction")) {
			List<Process> processes = start(Map.of("DATABASE_URL", bouncer.url(database)));
			for (int i = 0; i < INSTANCES; i++) {
				assertThat(processes.get(i).waitFor(300, TimeUnit.SECONDS)).as("instance " + i + " finished").isTrue();
				String log = Files.readString(this.directory.resolve("instance-" + i).resolve("app.log"));
				assertThat(processes.get(i).exitValue()).as(log).isNotZero();
				// one line that says what to do, no stack trace, and not the driver's named-statement error
				assertThat(log).as(log)
					.containsPattern("Cannot migrate to head through a pooler that lends PostgreSQL sessions per "
							+ "transaction \\(PgBouncer pool_mode=transaction or statement\\)[^\\n]*Nothing was "
							+ "changed[^\\n]*WEBUI_MIGRATIONS_DATABASE_URL")
					.doesNotContain("\tat ")
					.doesNotContain("prepared statement");
			}
			try (var connection = database.connection()) {
				assertThat(Sql.tableNames(connection)).isEmpty();
			}
		}
	}

	@Test
	void sixInstancesThroughATransactionPoolerMigrateOnceWithAMigrationUrlOfTheirOwn() throws Exception {
		try (TestDatabase database = TestDatabase.postgres(); PgBouncer bouncer = PgBouncer.start("transaction")) {
			migrateOnce(database,
					Map.of("DATABASE_URL", bouncer.url(database), "WEBUI_MIGRATIONS_DATABASE_URL", database.url()));
		}
	}

	private List<Process> start(Map<String, String> environment) throws Exception {
		List<Process> processes = new ArrayList<>();
		for (int i = 0; i < INSTANCES; i++) {
			Path home = Files.createDirectories(this.directory.resolve("instance-" + i));
			Map<String, String> all = new HashMap<>(environment);
			// migrate-and-exit: each instance runs the whole start-up, reaches ready, then stops
			all.put("WEBUI_MIGRATIONS_MODE", "migrate-and-exit");
			processes.add(SampleAppJar.serve(home, all, "--logging.level.io.github.webuimigrations=INFO"));
		}
		return processes;
	}

	private void migrateOnce(TestDatabase database, Map<String, String> environment) throws Exception {
		List<Process> processes = start(environment);
		int migrated = 0;
		for (int i = 0; i < INSTANCES; i++) {
			assertThat(processes.get(i).waitFor(300, TimeUnit.SECONDS)).as("instance " + i + " finished").isTrue();
			String log = Files.readString(this.directory.resolve("instance-" + i).resolve("app.log"));
			assertThat(processes.get(i).exitValue()).as(log).isZero();
			assertThat(log).contains("closing the application (mode migrate-and-exit)");
			if (log.contains("(18 legacy migrations, " + Revisions.CHAIN.size() + " revisions applied)")) {
				migrated++;
			}
			else {
				assertThat(log).as(log).contains("Database is up to date: legacy tier at 018_add_function_is_global");
			}
		}
		assertThat(migrated).isEqualTo(1);
		try (var connection = database.connection()) {
			assertThat(Sql.strings(connection, "SELECT count(*) FROM flyway_legacy_history WHERE version IS NOT NULL"))
				.containsExactly("18");
			assertThat(Sql.strings(connection, "SELECT count(DISTINCT version) FROM flyway_legacy_history"))
				.containsExactly("18");
			assertThat(Sql.strings(connection, "SELECT count(*) FROM migratehistory")).containsExactly("18");
			assertThat(Sql.strings(connection, "SELECT count(DISTINCT name) FROM migratehistory")).containsExactly("18");
			assertThat(Sql.strings(connection, "SELECT count(*) FROM DATABASECHANGELOG"))
				.containsExactly(Integer.toString(Revisions.CHAIN.size()));
			assertThat(Sql.strings(connection, "SELECT count(DISTINCT ID) FROM DATABASECHANGELOG"))
				.containsExactly(Integer.toString(Revisions.CHAIN.size()));
			assertThat(Sql.strings(connection, "SELECT version_num FROM alembic_version"))
				.containsExactly(Revisions.HEAD);
		}
	}

}
