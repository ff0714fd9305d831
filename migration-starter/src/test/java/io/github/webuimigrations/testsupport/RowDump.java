package io.github.webuimigrations.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;

import io.github.webuimigrations.database.Sql;
import io.github.webuimigrations.json.PythonJson;

/**
 * Rows of a table in the canonical form of the upstream fixtures' expected-rows files: keys
 * sorted, JSON text wrapped as {@code {"$json": value}}, booleans as 0/1, rows sorted by
 * their canonical text, so that row order and JSON formatting do not matter.
 */
public final class RowDump {

	private RowDump() {
	}

	/** The canonical rows of one table of a database. */
	public static List<String> rows(Connection connection, String table) throws SQLException {
		return rows(connection, table, List.of("*"));
	}

	/** The canonical rows of some columns of one table of a database. */
	public static List<String> rows(Connection connection, String table, List<String> columns) throws SQLException {
		List<String> rows = new ArrayList<>();
		String selected = String.join(", ", columns.stream().map((c) -> c.equals("*") ? c : "\"" + c + "\"").toList());
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT " + selected + " FROM \"" + table + "\"")) {
			ResultSetMetaData meta = result.getMetaData();
			while (result.next()) {
				Map<String, Object> row = new TreeMap<>();
				for (int i = 1; i <= meta.getColumnCount(); i++) {
					Object value = result.getObject(i);
					if (value instanceof Boolean bool) {
						value = bool ? 1L : 0L;
					}
					else if (value instanceof Integer integer) {
						value = integer.longValue();
					}
					else if (value instanceof String text) {
						value = jsonOrText(text);
					}
					else if (meta.getColumnType(i) == Types.OTHER && value != null) {
						value = jsonOrText(value.toString());
					}
					row.put(meta.getColumnName(i), value);
				}
				rows.add(canonical(row));
			}
		}
		rows.sort(null);
		return rows;
	}

	/**
	 * Every row of every table but the tools' ({@link TestDatabase#bookkeepingTables}), each value
	 * as the database returns its text (JSON exactly as stored, SQL NULL apart from JSON
	 * {@code null}), rows sorted: for comparing two databases byte for byte.
	 * @param database the database
	 * @param skipped columns as {@code table.column} whose values differ from run to run
	 * @return per table name, its rows
	 */
	public static Map<String, List<String>> asStored(TestDatabase database, Set<String> skipped) throws SQLException {
		Map<String, List<String>> tables = new TreeMap<>();
		try (Connection connection = database.connection(); Statement select = connection.createStatement()) {
			List<String> names = Sql.strings(connection, database.isSqlite()
					? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
					: "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
							+ "AND table_type = 'BASE TABLE'");
			for (String table : names) {
				if (database.bookkeepingTables().contains(table.toLowerCase(Locale.ROOT))) {
					continue;
				}
				List<String> rows = new ArrayList<>();
				try (ResultSet result = select.executeQuery("SELECT * FROM \"" + table + "\"")) {
					ResultSetMetaData meta = result.getMetaData();
					while (result.next()) {
						StringJoiner row = new StringJoiner(" | ");
						for (int i = 1; i <= meta.getColumnCount(); i++) {
							String value = result.getString(i);
							if (!skipped.contains(table + "." + meta.getColumnName(i))) {
								row.add(meta.getColumnName(i) + "=" + ((value != null) ? "'" + value + "'" : "NULL"));
							}
						}
						rows.add(row.toString());
					}
				}
				rows.sort(null);
				tables.put(table, rows);
			}
		}
		return tables;
	}

	/**
	 * How many rows differ between two dumps, table by table, as multisets.
	 * @param expected the expected rows by table
	 * @param actual the rows found by table
	 * @return rows missing plus rows extra
	 */
	public static int differing(Map<String, List<String>> expected, Map<String, List<String>> actual) {
		int count = 0;
		Set<String> tables = new HashSet<>(expected.keySet());
		tables.addAll(actual.keySet());
		for (String table : tables) {
			List<String> left = new ArrayList<>(expected.getOrDefault(table, List.of()));
			List<String> right = new ArrayList<>(actual.getOrDefault(table, List.of()));
			List<String> missing = new ArrayList<>(left);
			right.forEach(missing::remove);
			List<String> extra = new ArrayList<>(right);
			left.forEach(extra::remove);
			count += missing.size() + extra.size();
		}
		return count;
	}

	/**
	 * A few of the rows that differ, for an assertion's message.
	 * @param expected the expected rows by table
	 * @param actual the rows found by table
	 * @return up to two missing and two extra rows per table
	 */
	public static String examples(Map<String, List<String>> expected, Map<String, List<String>> actual) {
		StringBuilder text = new StringBuilder();
		for (String table : expected.keySet()) {
			List<String> missing = new ArrayList<>(expected.get(table));
			actual.getOrDefault(table, List.of()).forEach(missing::remove);
			List<String> extra = new ArrayList<>(actual.getOrDefault(table, List.of()));
			expected.get(table).forEach(extra::remove);
			if (!missing.isEmpty() || !extra.isEmpty()) {
				text.append("\n").append(table).append(": expected ")
					.append(missing.subList(0, Math.min(2, missing.size())))
					.append("\n  got ")
					.append(extra.subList(0, Math.min(2, extra.size())));
			}
		}
		return text.toString();
	}

	/** The expected canonical rows of some columns of one table of an expected-rows file. */
	@SuppressWarnings("unchecked")
	public static List<String> expected(String resource, String table, List<String> columns) throws IOException {
		try (InputStream stream = RowDump.class.getResourceAsStream(resource)) {
			Map<String, Object> file = (Map<String, Object>) PythonJson
				.parse(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
			Map<String, Object> content = (Map<String, Object>) ((Map<String, Object>) file.get("tables")).get(table);
			List<String> rows = new ArrayList<>();
			for (Object row : (List<Object>) content.get("rows")) {
				Map<String, Object> subset = new TreeMap<>();
				columns.forEach((column) -> subset.put(column, ((Map<String, Object>) row).get(column)));
				rows.add(canonical(subset));
			}
			rows.sort(null);
			return rows;
		}
	}

	/** Copy every row of a table to the same table of another database (booleans converted). */
	public static void copyTable(Connection from, Connection to, String table) throws SQLException {
		try (Statement select = from.createStatement();
				ResultSet rows = select.executeQuery("SELECT * FROM \"" + table + "\"")) {
			ResultSetMetaData meta = rows.getMetaData();
			List<String> columns = new ArrayList<>();
			for (int i = 1; i <= meta.getColumnCount(); i++) {
				columns.add("\"" + meta.getColumnName(i) + "\"");
			}
			List<String> booleans = Sql.strings(to, "SELECT column_name FROM information_schema.columns "
					+ "WHERE table_name = ? AND data_type = 'boolean'", table);
			String insert = "INSERT INTO \"" + table + "\" (" + String.join(", ", columns) + ") VALUES ("
					+ "?, ".repeat(columns.size() - 1) + "?)";
			try (java.sql.PreparedStatement statement = to.prepareStatement(insert)) {
				while (rows.next()) {
					for (int i = 1; i <= columns.size(); i++) {
						Object value = rows.getObject(i);
						if (booleans.contains(meta.getColumnName(i)) && value instanceof Number number) {
							value = number.intValue() != 0;
						}
						statement.setObject(i, value);
					}
					statement.executeUpdate();
				}
			}
		}
	}

	/** The expected canonical rows per table of an expected-rows file. */
	@SuppressWarnings("unchecked")
	public static Map<String, List<String>> expected(String resource) throws IOException {
		try (InputStream stream = RowDump.class.getResourceAsStream(resource)) {
			Map<String, Object> file = (Map<String, Object>) PythonJson
				.parse(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
			Map<String, List<String>> tables = new TreeMap<>();
			((Map<String, Object>) file.get("tables")).forEach((table, content) -> {
				List<String> rows = new ArrayList<>();
				for (Object row : (List<Object>) ((Map<String, Object>) content).get("rows")) {
					rows.add(canonical(row));
				}
				rows.sort(null);
				tables.put(table, rows);
			});
			return tables;
		}
	}

	private static Object jsonOrText(String text) {
		String trimmed = text.strip();
		boolean candidate = trimmed.startsWith("{") || trimmed.startsWith("[") || trimmed.startsWith("\"")
				|| trimmed.equals("null") || trimmed.equals("true") || trimmed.equals("false");
		if (candidate) {
			try {
				Map<String, Object> wrapped = new TreeMap<>();
				wrapped.put("$json", PythonJson.parse(text));
				return wrapped;
			}
			catch (IllegalArgumentException ex) {
				return text;
			}
		}
		return text;
	}

	/** JSON text with every object's keys sorted. */
	@SuppressWarnings("unchecked")
	public static String canonical(Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> sorted = new TreeMap<>();
			map.forEach((key, item) -> sorted.put(String.valueOf(key), sortKeys(item)));
			return PythonJson.dumps(sorted);
		}
		return PythonJson.dumps(sortKeys(value));
	}

	private static Object sortKeys(Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> sorted = new TreeMap<>();
			map.forEach((key, item) -> sorted.put(String.valueOf(key), sortKeys(item)));
			return sorted;
		}
		if (value instanceof List<?> list) {
			return list.stream().map(RowDump::sortKeys).toList();
		}
		return value;
	}

}
