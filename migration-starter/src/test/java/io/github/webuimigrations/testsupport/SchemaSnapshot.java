package io.github.webuimigrations.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import io.github.webuimigrations.database.Dialect;

/**
 * The shape of the open-webui tables of a database as sorted text lines: per table its
 * columns in order (name, declared type, NOT NULL, primary key) and its indexes (name,
 * uniqueness, columns). Bookkeeping tables of Flyway and Liquibase are left out.
 */
public final class SchemaSnapshot {

	public static final Set<String> TOOL_TABLES = Set.of("flyway_legacy_history", "databasechangelog",
			"databasechangeloglock");

	private SchemaSnapshot() {
	}

	public static List<String> of(TestDatabase database) throws SQLException {
		return of(database, true);
	}

	/**
	 * The snapshot, or without types its looser form: column names, NOT NULL, primary key and
	 * indexes, columns in name order (upstream's rollbacks re-add columns at the end).
	 */
	public static List<String> of(TestDatabase database, boolean withTypes) throws SQLException {
		try (Connection connection = database.connection()) {
			TreeMap<String, List<String>> tables = (Dialect.of(connection) == Dialect.SQLITE)
					? sqlite(connection, withTypes) : postgres(connection, withTypes);
			if (!withTypes) {
				tables.values().forEach((lines) -> lines.sort(null));
			}
			return flatten(tables);
		}
	}

	private static TreeMap<String, List<String>> sqlite(Connection connection, boolean withTypes) throws SQLException {
		TreeMap<String, List<String>> tables = new TreeMap<>();
		for (String table : strings(connection,
				"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
			if (TOOL_TABLES.contains(table.toLowerCase())) {
				continue;
			}
			List<String> lines = new ArrayList<>();
			try (PreparedStatement info = connection.prepareStatement("SELECT name, type, \"notnull\", pk, dflt_value FROM "
					+ "pragma_table_info(?) ORDER BY cid")) {
				info.setString(1, table);
				try (ResultSet rows = info.executeQuery()) {
					while (rows.next()) {
						String defaultValue = rows.getString(5);
						lines.add("  column " + rows.getString(1) + (withTypes ? " " + rows.getString(2) : "")
								+ ((rows.getInt(3) == 1) ? " not null" : "") + ((rows.getInt(4) > 0) ? " pk" : "")
								+ ((withTypes && defaultValue != null) ? " default " + defaultValue : ""));
					}
				}
			}
			for (String index : strings(connection,
					"SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? ORDER BY name", table)) {
				boolean unique = strings(connection, "SELECT \"unique\" FROM pragma_index_list(?) WHERE name = ?",
						table, index).get(0).equals("1");
				// key columns with their order (an expression has no name), then a partial index's condition
				String sql = strings(connection, "SELECT coalesce(sql, '') FROM sqlite_master WHERE name = ?", index).get(0);
				int where = sql.toUpperCase(java.util.Locale.ROOT).lastIndexOf(" WHERE ");
				lines.add("  index " + index + (unique ? " unique" : "") + " ("
						+ String.join(", ", strings(connection, "SELECT coalesce(name, 'expr') || CASE WHEN \"desc\" = 1 "
								+ "THEN ' desc' ELSE '' END FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno", index))
						+ ")" + ((where >= 0) ? " where " + sql.substring(where + 7) : ""));
			}
			try (PreparedStatement keys = connection.prepareStatement("SELECT \"from\", \"table\", \"to\", on_delete "
					+ "FROM pragma_foreign_key_list(?) ORDER BY \"from\"")) {
				keys.setString(1, table);
				try (ResultSet rows = keys.executeQuery()) {
					while (rows.next()) {
						lines.add("  foreign key (" + rows.getString(1) + ") references " + rows.getString(2) + " ("
								+ rows.getString(3) + ") on delete " + rows.getString(4).toLowerCase());
					}
				}
			}
			tables.put(table, lines);
		}
		return tables;
	}

	private static TreeMap<String, List<String>> postgres(Connection connection, boolean withTypes) throws SQLException {
		TreeMap<String, List<String>> tables = new TreeMap<>();
		String schema = connection.getSchema();
		for (String table : strings(connection,
				"SELECT table_name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE'",
				schema)) {
			if (TOOL_TABLES.contains(table)) {
				continue;
			}
			List<String> lines = new ArrayList<>();
			List<String> primaryKey = strings(connection,
					"SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
							+ "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass "
							+ "AND i.indisprimary",
					schema, table);
			try (PreparedStatement info = connection.prepareStatement("SELECT column_name, "
					+ "format_type(a.atttypid, a.atttypmod), is_nullable, column_default FROM information_schema.columns c "
					+ "JOIN pg_attribute a ON a.attrelid = (quote_ident(c.table_schema) || '.' || quote_ident(c.table_name))::regclass "
					+ "AND a.attname = c.column_name WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
				info.setString(1, schema);
				info.setString(2, table);
				try (ResultSet rows = info.executeQuery()) {
					while (rows.next()) {
						String column = rows.getString(1);
						String defaultValue = rows.getString(4);
						lines.add("  column " + column + (withTypes ? " " + rows.getString(2) : "")
								+ ("NO".equals(rows.getString(3)) ? " not null" : "")
								+ (primaryKey.contains(column) ? " pk" : "")
								+ ((withTypes && defaultValue != null) ? " default " + defaultValue : ""));
					}
				}
			}
			// key columns (or expressions) with their order, then a partial index's condition
			try (PreparedStatement indexes = connection.prepareStatement("SELECT ic.relname, i.indisunique, "
					+ "i.indisprimary, (SELECT string_agg(pg_get_indexdef(i.indexrelid, k, true) || CASE WHEN "
					+ "i.indoption[k - 1] & 1 = 1 THEN ' desc' ELSE '' END, ', ' ORDER BY k) FROM "
					+ "generate_series(1, i.indnkeyatts) k), pg_get_expr(i.indpred, i.indrelid, true) FROM pg_index i "
					+ "JOIN pg_class ic ON ic.oid = i.indexrelid "
					+ "WHERE i.indrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass ORDER BY ic.relname")) {
				indexes.setString(1, schema);
				indexes.setString(2, table);
				try (ResultSet rows = indexes.executeQuery()) {
					while (rows.next()) {
						lines.add("  " + (rows.getBoolean(3) ? "primary key " : "index ") + rows.getString(1)
								+ (rows.getBoolean(2) ? " unique" : "") + " (" + rows.getString(4) + ")"
								+ ((rows.getString(5) != null) ? " where " + rows.getString(5) : ""));
					}
				}
			}
			for (String key : strings(connection, "SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint "
					+ "WHERE conrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass AND contype = 'f' ORDER BY conname",
					schema, table)) {
				lines.add("  foreign key " + key);
			}
			tables.put(table, lines);
		}
		return tables;
	}

	private static List<String> flatten(TreeMap<String, List<String>> tables) {
		List<String> lines = new ArrayList<>();
		tables.forEach((table, shape) -> {
			lines.add("table " + table);
			lines.addAll(shape);
		});
		return lines;
	}

	public static List<String> strings(Connection connection, String sql, String... parameters) throws SQLException {
		List<String> values = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setString(i + 1, parameters[i]);
			}
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					values.add(rows.getString(1));
				}
			}
		}
		return values;
	}

}
