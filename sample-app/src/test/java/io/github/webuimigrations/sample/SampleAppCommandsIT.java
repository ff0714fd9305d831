package io.github.webuimigrations.sample;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.webuimigrations.json.PythonJson;
import io.github.webuimigrations.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app jar end to end: its commands, exit codes and one-line errors, on SQLite and
 * PostgreSQL, configured through open-webui's environment variables.
 */
class SampleAppCommandsIT {

	@TempDir
	Path directory;

	@Test
	void migrateThenInfoOnSqlite() throws Exception {
		Map<String, String> env = Map.of("DATABASE_URL", "sqlite:///" + this.directory + "/x.db");
		SampleAppJar.Result migrate = SampleAppJar.run(this.directory, env, "migrate");
		assertThat(migrate.exitCode()).as(migrate.all()).isZero();
		assertThat(migrate.out()).contains("Migrated to head");
		SampleAppJar.Result info = SampleAppJar.run(this.directory, env, "info");
		assertThat(info.exitCode()).as(info.all()).isZero();
		assertThat(info.out().lines().filter((line) -> line.startsWith("legacy ")).toList()).hasSize(18)
			.allMatch((line) -> line.contains(" applied "));
		assertThat(info.out()).contains("Legacy tier: at 018_add_function_is_global, 0 pending")
			.containsPattern("Revisioned tier: at [0-9a-f]{12}_\\w+, 0 pending");
		assertThat(info.out().lines().filter((line) -> line.startsWith("revisioned ")).toList())
			.allMatch((line) -> line.contains(" applied "));
		assertThat(SampleAppJar.run(this.directory, env, "migrate").exitCode()).isZero();
		SampleAppJar.Result drift = SampleAppJar.run(this.directory, env, "drift");
		assertThat(drift.exitCode()).as(drift.all()).isZero();
		assertThat(drift.out()).containsPattern("No drift: the schema is what the migrations build at legacy 018, revision "
				+ "d4c1a8e37b62 \\(checked in \\d+ ms\\)\n$");
		try (TestDatabase database = TestDatabase.sqlite(this.directory.resolve("x.db"))) {
			database.execute("DROP INDEX user_id_timer_at_idx");
		}
		SampleAppJar.Result drifted = SampleAppJar.run(this.directory, env, "drift", "--json");
		assertThat(drifted.exitCode()).as(drifted.all()).isEqualTo(3);
		assertThat(drifted.out().strip()).isEqualTo("{\"point\": \"legacy 018, revision d4c1a8e37b62\", \"differences\": "
				+ "[{\"kind\": \"missing\", \"item\": \"index chat.user_id_timer_at_idx\", \"expected\": "
				+ "\"(user_id, timer_at) where timer_at IS NOT NULL\", \"actual\": null}]}");
	}

	@Test
	@SuppressWarnings("unchecked")
	void migrateToAStopThenInfoJsonOnPostgresql() throws Exception {
		try (TestDatabase database = TestDatabase.postgres()) {
			Map<String, String> env = Map.of("DATABASE_URL", database.url().replace("postgresql://", "postgres://"));
			SampleAppJar.Result migrate = SampleAppJar.run(this.directory, env, "migrate", "--to", "009_add_models");
			assertThat(migrate.exitCode()).as(migrate.all()).isZero();
			SampleAppJar.Result info = SampleAppJar.run(this.directory, env, "info", "--json");
			assertThat(info.exitCode()).as(info.all()).isZero();
			Map<String, Object> json = (Map<String, Object>) PythonJson.parse(info.out().strip());
			List<Map<String, Object>> migrations = ((List<Map<String, Object>>) json.get("migrations")).stream()
				.filter((migration) -> migration.get("tier").equals("legacy"))
				.toList();
			assertThat(migrations).hasSize(18);
			assertThat(((List<?>) json.get("migrations")).size()).isGreaterThan(18);
			assertThat(migrations.stream().filter((m) -> m.get("state").equals("applied")).count()).isEqualTo(9);
			assertThat(migrations.get(9)).containsEntry("id", "010").containsEntry("state", "pending");
			// the local server trusts the connection, so a password in the URL is accepted and must stay out of the output
			Map<String, String> withPassword = Map.of("DATABASE_URL",
					database.url().replace("postgres@", "postgres:hunter2@"));
			SampleAppJar.Result rest = SampleAppJar.run(this.directory, withPassword, "migrate");
			assertThat(rest.exitCode()).as(rest.all()).isZero();
			assertThat(rest.all()).contains("Migrated to head").doesNotContain("hunter2");
			assertThat(SampleAppJar.run(this.directory, withPassword, "info").out())
				.contains("Legacy tier: at 018_add_function_is_global, 0 pending");
		}
	}

	@Test
	void badSettingsGiveOneLineNamingTheSettingWithoutThePassword() throws Exception {
		assertFailure(Map.of("DATABASE_URL", "postgresql//user:hunter2@host/db"), "DATABASE_URL is malformed", "hunter2");
		assertFailure(Map.of("DATABASE_URL", "mysql://root:hunter2@localhost/webui"),
				"DATABASE_URL uses the unsupported scheme 'mysql'", "hunter2");
		assertFailure(Map.of("DATABASE_URL", "postgresql://postgres:hunter2@127.0.0.1:1/webui"),
				"DATABASE_URL: cannot reach the PostgreSQL database postgres@127.0.0.1:1/webui", "hunter2");
		// the sample app has the starter's own driver: SQLCipher needs the companion artifact
		assertFailure(Map.of("DATABASE_URL", "sqlite+sqlcipher://" + this.directory.resolve("secret.db"),
				"DATABASE_PASSWORD", "hunter2"), "DATABASE_URL asks for a SQLCipher-encrypted database, but the SQLite "
						+ "driver on the class path (org.xerial:sqlite-jdbc) cannot encrypt: depend on "
						+ "io.github.webuimigrations:migration-starter-sqlcipher", "hunter2");
	}

	@Test
	void anUpgradeOfASqliteDatabaseIsPrecededByABackupThatRestorePutsBack() throws Exception {
		Path file = this.directory.resolve("b.db");
		Map<String, String> env = Map.of("DATABASE_URL", "sqlite:///" + file);
		assertThat(SampleAppJar.run(this.directory, env, "migrate", "--to", "3af16a1c9fb6").exitCode()).isZero();
		assertThat(SampleAppJar.run(this.directory, env, "info").out()).doesNotContain("Backup: ");
		SampleAppJar.Result upgrade = SampleAppJar.run(this.directory, env, "migrate");
		assertThat(upgrade.exitCode()).as(upgrade.all()).isZero();
		String info = SampleAppJar.run(this.directory, env, "info").out();
		assertThat(info).containsPattern("Backup: " + java.util.regex.Pattern.quote(file.toString())
				+ "\\.3af16a1c9fb6\\.\\d{8}T\\d{6}Z\\.backup\n");
		String backup = info.lines().filter((line) -> line.startsWith("Backup: ")).findFirst().orElseThrow().substring(8);

		SampleAppJar.Result restore = SampleAppJar.run(this.directory, env, "restore", "--from", backup);

		assertThat(restore.exitCode()).as(restore.all()).isZero();
		assertThat(restore.out()).endsWith("Restored " + backup + ": 3af16a1c9fb6 (open-webui older than 0.11.0)\n");
		assertThat(SampleAppJar.run(this.directory, env, "info").out())
			.contains("Revisioned tier: at 3af16a1c9fb6_update_user_table, 39 pending");
		assertThat(SampleAppJar.run(this.directory, env, "restore").exitCode()).isEqualTo(2);
		// off: no copy
		Map<String, String> off = Map.of("DATABASE_URL", "sqlite:///" + file, "WEBUI_MIGRATIONS_BACKUP", "off");
		assertThat(SampleAppJar.run(this.directory, off, "migrate").exitCode()).isZero();
		assertThat(SampleAppJar.run(this.directory, env, "info").out().lines().filter((line) -> line.startsWith("Backup: ")))
			.hasSize(1);
	}

	@Test
	void aSettingFromApplicationYmlIsNamedAsTheUserWroteIt() throws Exception {
		Path yml = this.directory.resolve("application.yml");
		Files.writeString(yml, "webui:\n  database:\n    url: sqlite:////no/such/directory/webui.db\n");
		SampleAppJar.Result result = SampleAppJar.run(this.directory, Map.of(), "migrate",
				"--spring.config.additional-location=file:" + yml);
		assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
		assertThat(result.err().strip()).matches("error: webui\\.database\\.url \\(.*application\\.yml\\], line 3\\): the "
				+ "directory /no/such/directory of the SQLite database does not exist");
	}

	private void assertFailure(Map<String, String> env, String message, String password) throws Exception {
		SampleAppJar.Result result = SampleAppJar.run(this.directory, env, "migrate");
		assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
		assertThat(result.err().strip().lines().toList()).as(result.all()).hasSize(1);
		assertThat(result.err()).startsWith("error: " + message);
		assertThat(result.all()).doesNotContain(password).doesNotContain("\tat ");
	}

	@Test
	void unknownCommandIsAUsageError() throws Exception {
		SampleAppJar.Result result = SampleAppJar.run(this.directory, Map.of(), "migrat");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.err()).isEqualTo("error: unknown command 'migrat' (try: help)\n");
		assertThat(SampleAppJar.run(this.directory, Map.of(), "help").out()).contains("migrate --to <target>");
	}

	@Test
	void withoutACommandItMigratesTheEmbeddedDefaultAndServes() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Process app = SampleAppJar.serve(this.directory, Map.of(), "--server.port=" + port);
		try {
			HttpClient client = HttpClient.newHttpClient();
			// the server listens before the start-up migration ends (readiness comes after it): poll until migrated
			String body = "";
			for (int attempt = 0; attempt < 120 && !body.contains("Legacy tier: at 018"); attempt++) {
				try {
					body = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
						.timeout(Duration.ofSeconds(5))
						.build(), HttpResponse.BodyHandlers.ofString()).body();
				}
				catch (java.io.IOException ex) {
					assertThat(app.isAlive()).as("the app exited early").isTrue();
				}
				Thread.sleep(500);
			}
			assertThat(body).contains("Legacy tier: at 018_add_function_is_global, 0 pending");
			assertThat(this.directory.resolve("data/webui.db")).exists();
			assertThat(Files.size(this.directory.resolve("data/webui.db"))).isPositive();
		}
		finally {
			app.destroy();
			app.waitFor();
		}
	}

	@Test
	void validateRollbackAcrossTheTierBoundaryAndTheirExitCodes() throws Exception {
		Map<String, String> env = Map.of("DATABASE_URL", "sqlite:///" + this.directory.resolve("v.db"));
		SampleAppJar.Result behind = SampleAppJar.run(this.directory, env, "validate");
		assertThat(behind.exitCode()).isEqualTo(3);
		assertThat(behind.out()).startsWith("Not up to date (behind):\n  legacy migration 001_initial_schema is pending");
		assertThat(SampleAppJar.run(this.directory, env, "migrate").exitCode()).isZero();
		SampleAppJar.Result upToDate = SampleAppJar.run(this.directory, env, "validate");
		assertThat(upToDate.exitCode()).isZero();
		assertThat(upToDate.out()).isEqualTo("Up to date: legacy tier at 018_add_function_is_global, revision d4c1a8e37b62\n");

		SampleAppJar.Result rollback = SampleAppJar.run(this.directory, env, "rollback", "--to", "010");
		assertThat(rollback.exitCode()).as(rollback.all()).isZero();
		assertThat(rollback.out()).contains("Rolled back legacy migration 011_add_user_settings").endsWith("Rolled back to 010\n");
		String info = SampleAppJar.run(this.directory, env, "info").out();
		assertThat(info).contains("Legacy tier: at 010_migrate_modelfiles_to_models, 8 pending",
				"Revisioned tier: at none, 58 pending", "Schema: open-webui older than 0.11.0 (this starter: open-webui 0.11.4)");
		assertThat(SampleAppJar.run(this.directory, env, "validate").exitCode()).isEqualTo(3);

		assertThat(SampleAppJar.run(this.directory, env, "migrate", "--to", "242a2047eae0").exitCode()).isZero();
		assertThat(SampleAppJar.run(this.directory, env, "info").out())
			.contains("Legacy tier: at 018_add_function_is_global, 0 pending", "Revisioned tier: at 242a2047eae0_update_chat_table");
		SampleAppJar.Result refused = SampleAppJar.run(this.directory, env, "rollback", "--to", "009");
		assertThat(refused.exitCode()).isEqualTo(1);
		assertThat(refused.err()).startsWith("error: Rollback to 009_add_models refused: ").doesNotContain("\tat ");
		assertThat(SampleAppJar.run(this.directory, env, "info").out()).contains("Revisioned tier: at 242a2047eae0");
		SampleAppJar.Result noTarget = SampleAppJar.run(this.directory, env, "rollback");
		assertThat(noTarget.exitCode()).isEqualTo(2);
		assertThat(noTarget.err()).startsWith("error: rollback needs --to <target>");
		assertThat(SampleAppJar.run(this.directory, env, "rollback", "--to", "nowhere").err())
			.startsWith("error: Unknown migration target 'nowhere'");
	}

	@Test
	void preflightListsTheRowsOfUpstreamsOwnDatabaseThatStopAMigration() throws Exception {
		Path file = io.github.webuimigrations.testsupport.UpstreamFixture.copy(this.directory, "upstream-peewee-009.sqlite");
		try (TestDatabase database = TestDatabase.sqlite(file)) {
			database.execute("INSERT INTO \"user\" (id, name, email, role, profile_image_url, api_key, created_at, "
					+ "updated_at, last_active_at) SELECT 'dup-user', name, upper(email), role, profile_image_url, NULL, "
					+ "created_at, updated_at, last_active_at FROM \"user\" WHERE id = (SELECT min(id) FROM \"user\")");
		}
		Map<String, String> env = Map.of("DATABASE_URL", "sqlite:///" + file);
		SampleAppJar.Result preflight = SampleAppJar.run(this.directory, env, "preflight");
		assertThat(preflight.exitCode()).as(preflight.all()).isEqualTo(3);
		assertThat(preflight.out()).contains("BLOCKS    revisioned f0bd01a18a3d user dup-user: email ")
			.contains("rows stop a pending migration");
		// nothing changed: still at 009
		assertThat(SampleAppJar.run(this.directory, env, "info").out()).contains("Legacy tier: at 009_add_models, 9 pending");
		try (TestDatabase database = TestDatabase.sqlite(file)) {
			database.execute("DELETE FROM \"user\" WHERE id = 'dup-user'");
		}
		SampleAppJar.Result clean = SampleAppJar.run(this.directory, env, "preflight");
		assertThat(clean.exitCode()).as(clean.all()).isZero();
	}

	@Test
	void migrateWithRowsThatWouldStopItChangesNothingAndExitsWith3() throws Exception {
		Path file = this.directory.resolve("blocked.db");
		Map<String, String> env = Map.of("DATABASE_URL", "sqlite:///" + file);
		SampleAppJar.Result prepare = SampleAppJar.run(this.directory, env, "migrate", "--to", "3af16a1c9fb6");
		assertThat(prepare.exitCode()).as(prepare.all()).isZero();
		try (TestDatabase database = TestDatabase.sqlite(file)) {
			database.execute("INSERT INTO \"user\" (id, name, email, role, profile_image_url, created_at, updated_at, "
					+ "last_active_at) VALUES ('u1', 'Ada', 'ada@example.com', 'user', '', 1, 1, 1), "
					+ "('u2', 'Ada', 'ADA@example.com', 'user', '', 2, 2, 2)");
		}
		byte[] before = Files.readAllBytes(file);

		SampleAppJar.Result blocked = SampleAppJar.run(this.directory, env, "migrate");

		assertThat(blocked.exitCode()).as(blocked.all()).isEqualTo(3);
		assertThat(blocked.out().lines().filter((line) -> line.startsWith("BLOCKS ")).toList()).containsExactly(
				"BLOCKS    revisioned f0bd01a18a3d user u1: email ada@example.com differs from another user's only in case; "
						+ "merge or remove the duplicate users",
				"BLOCKS    revisioned f0bd01a18a3d user u2: email ADA@example.com differs from another user's only in case; "
						+ "merge or remove the duplicate users");
		assertThat(blocked.err()).startsWith("error: Nothing was migrated: 2 rows stop a pending migration, the database "
				+ "is unchanged: ").doesNotContain("\tat ");
		assertThat(blocked.err().lines()).hasSize(1);
		assertThat(Files.readAllBytes(file)).isEqualTo(before);
		assertThat(SampleAppJar.run(this.directory, env, "info").out())
			.contains("Revisioned tier: at 3af16a1c9fb6_update_user_table, 39 pending");
	}

	@Test
	void migrateAndExitModeMigratesWithoutServingAndExits() throws Exception {
		Map<String, String> env = Map.of("DATABASE_URL", "sqlite:///" + this.directory.resolve("job.db"),
				"WEBUI_MIGRATIONS_MODE", "migrate-and-exit");
		SampleAppJar.Result job = SampleAppJar.run(this.directory, env);
		assertThat(job.exitCode()).as(job.all()).isZero();
		assertThat(job.all()).contains("closing the application (mode migrate-and-exit)").doesNotContain("Tomcat started");
		Map<String, String> validate = Map.of("DATABASE_URL", "sqlite:///" + this.directory.resolve("job.db"),
				"WEBUI_MIGRATIONS_MODE", "validate", "SERVER_PORT", "0");
		assertThat(SampleAppJar.run(this.directory, validate, "validate").exitCode()).isZero();
	}

	@Test
	void validateModeRefusesToStartOnADatabaseThatIsBehind() throws Exception {
		Map<String, String> env = Map.of("DATABASE_URL", "sqlite:///" + this.directory.resolve("behind.db"),
				"WEBUI_MIGRATIONS_MODE", "validate", "SERVER_PORT", "0");
		SampleAppJar.Result refused = SampleAppJar.run(this.directory, env);
		assertThat(refused.exitCode()).isEqualTo(1);
		assertThat(refused.all()).contains("The database is not up to date (behind): legacy migration 001_initial_schema is pending");
	}

}
