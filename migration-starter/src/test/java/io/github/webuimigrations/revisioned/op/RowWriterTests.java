package io.github.webuimigrations.revisioned.op;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.webuimigrations.database.Dialect;
import io.github.webuimigrations.testsupport.TestDatabase;

import static io.github.webuimigrations.revisioned.op.ColumnType.BIG_INTEGER;
import static io.github.webuimigrations.revisioned.op.ColumnType.BOOLEAN;
import static io.github.webuimigrations.revisioned.op.ColumnType.JSON;
import static io.github.webuimigrations.revisioned.op.ColumnType.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rows written a page at a time (staged through COPY on PostgreSQL) arrive exactly as given:
 * text with the characters COPY escapes, JSON, booleans, numbers and nulls; inserts skip keys
 * that exist, the first of a page winning; updates find rows by key; nothing is left behind.
 */
class RowWriterTests {

	private static final String AWKWARD = "tab\there, line\nbreak, \r, back\\slash, \\N, caf\u00e9 \uD83D\uDE80";

	@TempDir
	Path directory;

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void insertsKeepEveryValueAndSkipExistingKeys(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory);
				Connection connection = database.connection()) {
			connection.setAutoCommit(false);
			RevisionOperations op = new RevisionOperations(connection);
			op.createTable(TableDefinition.named("item")
				.column(Column.of("id", TEXT))
				.column(Column.of("body", TEXT))
				.column(Column.of("data", JSON))
				.column(Column.of("done", BOOLEAN))
				.column(Column.of("at", BIG_INTEGER))
				.primaryKey("id"));
			op.execute("INSERT INTO item (id, body) VALUES ('old', 'kept')");
			try (RowWriter insert = RowWriter.insert(op, "item", "id", Column.of("id", TEXT), Column.of("body", TEXT),
					Column.of("data", JSON), Column.of("done", BOOLEAN), Column.of("at", BIG_INTEGER))) {
				insert.row("a", AWKWARD, "{\"k\": [1, \"\\u00e9\\n\"]}", true, 1_700_000_000_123L);
				insert.row("old", "replaced?", null, null, null);
				insert.row("b", null, null, false, null);
				insert.row("a", "second a", null, null, null);
				insert.flush();
				insert.flush();
				insert.row("c", "", "null", null, 0);
				insert.flush();
			}
			connection.commit();
			assertThat(rows(connection, "SELECT id, body, data, done, at FROM item ORDER BY id")).containsExactly(
					List.of("a", AWKWARD, "{\"k\": [1, \"\\u00e9\\n\"]}", "true", "1700000000123"),
					List.of("b", "null", "null", "false", "null"), List.of("c", "", "null", "null", "0"),
					List.of("old", "kept", "null", "null", "null"));
			assertNoStageLeft(op);
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void plainInsertsKeepEveryRow(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory);
				Connection connection = database.connection()) {
			connection.setAutoCommit(false);
			RevisionOperations op = new RevisionOperations(connection);
			op.createTable(TableDefinition.named("item").column(Column.of("id", TEXT)).column(Column.of("data", JSON)));
			try (RowWriter insert = RowWriter.insert(op, "item", null, Column.of("id", TEXT), Column.of("data", JSON))) {
				insert.row("b", "[\"\\t\"]");
				insert.row("a", null);
				insert.row("b", "{}");
				insert.flush();
			}
			connection.commit();
			assertThat(rows(connection, "SELECT id, data FROM item ORDER BY id, CAST(data AS TEXT)")).containsExactly(List.of("a", "null"),
					List.of("b", "[\"\\t\"]"), List.of("b", "{}"));
			assertNoStageLeft(op);
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void updatesFindRowsByKey(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory);
				Connection connection = database.connection()) {
			connection.setAutoCommit(false);
			RevisionOperations op = new RevisionOperations(connection);
			op.createTable(TableDefinition.named("item")
				.column(Column.of("id", TEXT))
				.column(Column.of("body", TEXT).notNull())
				.column(Column.of("data", JSON))
				.primaryKey("id"));
			op.execute("INSERT INTO item (id, body) VALUES ('a', 'one'), ('b', 'two'), ('c', 'three')");
			try (RowWriter update = RowWriter.update(op, "item", Column.of("id", TEXT), Column.of("body", TEXT),
					Column.of("data", JSON))) {
				update.row("a", AWKWARD, "[true, null]");
				update.row("c", "", null);
				update.row("missing", "nobody", null);
				update.flush();
			}
			connection.commit();
			assertThat(rows(connection, "SELECT id, body, data FROM item ORDER BY id")).containsExactly(
					List.of("a", AWKWARD, "[true, null]"), List.of("b", "two", "null"), List.of("c", "", "null"));
			assertNoStageLeft(op);
		}
	}

	private static void assertNoStageLeft(RevisionOperations op) throws Exception {
		try (Statement statement = op.connection().createStatement();
				ResultSet rows = statement.executeQuery(op.isSqlite()
						? "SELECT count(*) FROM sqlite_temp_master WHERE name LIKE '\\_webui\\_stage%' ESCAPE '\\'"
						: "SELECT count(*) FROM pg_class WHERE relname LIKE '\\_webui\\_stage%'")) {
			rows.next();
			assertThat(rows.getInt(1)).isZero();
		}
	}

	private static List<List<String>> rows(Connection connection, String sql) throws Exception {
		List<List<String>> rows = new ArrayList<>();
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			int columns = result.getMetaData().getColumnCount();
			while (result.next()) {
				List<String> row = new ArrayList<>();
				for (int i = 1; i <= columns; i++) {
					Object value = result.getObject(i);
					if (value instanceof Integer number && result.getMetaData().getColumnTypeName(i).equals("BOOLEAN")) {
						value = number != 0;
					}
					row.add(String.valueOf(value));
				}
				rows.add(row);
			}
		}
		return rows;
	}

}
