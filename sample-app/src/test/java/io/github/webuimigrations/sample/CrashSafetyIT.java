package io.github.webuimigrations.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.webuimigrations.database.Dialect;
import io.github.webuimigrations.database.Sql;
import io.github.webuimigrations.orchestration.DatabaseMigrator;
import io.github.webuimigrations.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGKILL at several points of the long data migrations (the chat conversion
 * {@code 242a2047eae0} and the chat-message backfill {@code 8452d01d26d7}), then a restart until
 * head: the rows equal those of a run that was never interrupted, with no lost or duplicated row
 * and no lock left behind.
 */
class CrashSafetyIT {

	private static final int CHATS = 60_000;

	/** Where to kill: after the log names this migration, plus a delay. */
	private static final List<Object[]> KILL_POINTS = List.of(new Object[] { "242a2047eae0", 300 },
			new Object[] { "242a2047eae0", 900 }, new Object[] { "8452d01d26d7", 300 },
			new Object[] { "8452d01d26d7", 1500 });

	private static final Map<String, String> COMPARED = new LinkedHashMap<>();

	static {
		COMPARED.put("chat", "SELECT id, user_id, title, chat, meta, current_message_id FROM chat ORDER BY id");
		COMPARED.put("chat_message", "SELECT id, chat_id, user_id, role, parent_id, content, model_id, created_at "
				+ "FROM chat_message ORDER BY id");
		COMPARED.put("tag", "SELECT id, name, user_id, meta FROM tag ORDER BY id, user_id");
	}

	@TempDir
	Path directory;

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void killedAtSeveralPointsThenRestartedReachesTheSameRows(Dialect dialect) throws Exception {
		try (TestDatabase reference = prepared(dialect, "reference"); TestDatabase victim = prepared(dialect, "victim")) {
			assertThat(SampleAppJar.run(this.directory, Map.of("DATABASE_URL", reference.url()), "migrate").exitCode())
				.isZero();
			int kills = 0;
			int hotJournals = 0;
			Path journal = this.directory.resolve("victim").resolve("webui.db-journal");
			for (Object[] point : KILL_POINTS) {
				Path home = Files.createDirectories(this.directory.resolve("kill-" + kills));
				// the start of each migration is logged at DEBUG
				Process app = SampleAppJar.serve(home, Map.of("DATABASE_URL", victim.url()), "migrate",
						"--logging.level.io.github.webuimigrations.orchestration.ProgressLog=DEBUG");
				if (waitForLog(home.resolve("app.log"), "Applying revisioned migration " + point[0], app)) {
					Thread.sleep((Integer) point[1]);
					// destroyForcibly is SIGKILL on Linux: no shutdown hook, no rollback by the JVM
					app.destroyForcibly();
					kills++;
				}
				app.waitFor(120, TimeUnit.SECONDS);
				// the migrate command's one pass leaves WAL: a kill inside it leaves the rollback journal
				if (Files.exists(journal) && Files.size(journal) > 0) {
					hotJournals++;
				}
			}
			assertThat(kills).as("the app was killed inside a data migration").isGreaterThanOrEqualTo(2);
			if (victim.isSqlite()) {
				assertThat(hotJournals).as("kills inside the one pass left SQLite's rollback journal").isPositive();
			}
			SampleAppJar.Result last = SampleAppJar.run(this.directory, Map.of("DATABASE_URL", victim.url()), "migrate");
			assertThat(last.exitCode()).as(last.all()).isZero();
			assertThat(SampleAppJar.run(this.directory, Map.of("DATABASE_URL", victim.url()), "validate").exitCode())
				.isZero();
			for (Map.Entry<String, String> table : COMPARED.entrySet()) {
				List<String> expected = rows(reference, table.getValue());
				assertThat(rows(victim, table.getValue())).as(table.getKey()).hasSize(expected.size()).isEqualTo(expected);
			}
			assertThat(rows(victim, "SELECT count(*) FROM chat_message")).containsExactly(String.valueOf(2L * CHATS));
			for (String table : Sql.strings(victim.connection(), victim.isSqlite()
					? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'DATABASECHANGELOG%' AND name <> 'flyway_legacy_history'"
					: "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'databasechangelog%' AND tablename <> 'flyway_legacy_history'")) {
				String count = "SELECT count(*) FROM \"" + table + "\"";
				assertThat(rows(victim, count)).as(table).isEqualTo(rows(reference, count));
			}
		}
	}

	private TestDatabase prepared(Dialect dialect, String name) throws Exception {
		TestDatabase database = TestDatabase.create(dialect, Files.createDirectories(this.directory.resolve(name)));
		DatabaseMigrator migrator = database.migrator();
		migrator.migrate(migrator.target("6a39f3d8e55c"));
		try (Connection connection = database.connection()) {
			connection.setAutoCommit(false);
			try (PreparedStatement insert = connection.prepareStatement("INSERT INTO chat (id, user_id, title, chat, "
					+ "archived, created_at, updated_at) VALUES (?, ?, 'A chat', ?, " + (database.isSqlite() ? "0" : "false")
					+ ", 1700000000, 1700000000)")) {
				for (int i = 0; i < CHATS; i++) {
					String id = String.format("chat-%06d", i);
					insert.setString(1, id);
					insert.setString(2, "u" + (i % 50));
					insert.setString(3, chat(i));
					insert.addBatch();
					if (i % 1000 == 999) {
						insert.executeBatch();
					}
				}
				insert.executeBatch();
			}
			connection.commit();
		}
		return database;
	}

	private static String chat(int i) {
		return "{\"title\": \"A chat\", \"tags\": [\"t" + (i % 5) + "\"], \"history\": {\"currentId\": \"b" + i
				+ "\", \"messages\": {\"a" + i + "\": {\"id\": \"a" + i + "\", \"parentId\": null, \"childrenIds\": [\"b" + i
				+ "\"], \"role\": \"user\", \"content\": \"question " + i + "\", \"timestamp\": 1700000000}, \"b" + i
				+ "\": {\"id\": \"b" + i + "\", \"parentId\": \"a" + i + "\", \"childrenIds\": [], \"role\": \"assistant\", "
				+ "\"content\": \"answer " + i + "\", \"model\": \"llama3\", \"timestamp\": 1700000001}}}}";
	}

	private static boolean waitForLog(Path log, String marker, Process app) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (System.nanoTime() < deadline && app.isAlive()) {
			if (Files.exists(log) && Files.readString(log).contains(marker)) {
				return true;
			}
			Thread.sleep(20);
		}
		return false;
	}

	private static List<String> rows(TestDatabase database, String sql) throws Exception {
		List<String> rows = new ArrayList<>();
		try (Connection connection = database.connection();
				var statement = connection.createStatement();
				var result = statement.executeQuery(sql)) {
			int columns = result.getMetaData().getColumnCount();
			while (result.next()) {
				StringBuilder row = new StringBuilder();
				for (int c = 1; c <= columns; c++) {
					row.append((c > 1) ? " | " : "").append(result.getString(c));
				}
				rows.add(row.toString());
			}
		}
		return rows;
	}

}
