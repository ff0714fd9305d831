package io.github.webuimigrations.drift;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;

import io.github.webuimigrations.database.Dialect;

/**
 * A schema as comparable items, read from the database's own catalog: per table its columns
 * (type, NOT NULL, default), primary key, unique constraints, indexes (columns with their
 * order, uniqueness, partial {@code WHERE}) and foreign keys. Each item has a key that says
 * what it is ({@code column chat.timer_at}) and a value that says how it is
 * ({@code BIGINT null}); names the database makes up (unnamed SQLite constraints, PostgreSQL's
 * generated constraint names) are not part of the keys. Column order is not compared:
 * upstream's downgrades re-add columns at the end.
 *
 * @author webui-migrations
 */
public final class SchemaCatalog {

	private final TreeMap<String, String> items;

	private SchemaCatalog(TreeMap<String, String> items) {
		this.items = items;
	}

	/**
	 * Every item, by key.
	 * @return the items in key order
	 */
	public TreeMap<String, String> items() {
		return new TreeMap<>(this.items);
	}

	/**
	 * Read the schema of a connection (its current schema on PostgreSQL).
	 * @param connection the connection
	 * @param excluded tables left out (bookkeeping), lower case
	 * @return the catalog
	 * @throws SQLException on a database error
	 */
	public static SchemaCatalog read(Connection connection, Set<String> excluded) throws SQLException {
		TreeMap<String, String> items = new TreeMap<>();
		if (Dialect.of(connection) == Dialect.SQLITE) {
			readSqlite(connection, excluded, items);
		}
		else {
			readPostgresql(connection, excluded, items);
		}
		return new SchemaCatalog(items);
	}

	private static void readSqlite(Connection connection, Set<String> excluded, TreeMap<String, String> items)
			throws SQLException {
		for (String table : strings(connection, "SELECT name FROM sqlite_master WHERE type = 'table' "
				+ "AND name NOT LIKE 'sqlite_%'")) {
			if (excluded.contains(table.toLowerCase(Locale.ROOT))) {
				continue;
			}
			items.put("table " + table, "");
			List<String> primaryKey = new ArrayList<>();
			for (String[] column : rows(connection, "SELECT name, type, \"notnull\", dflt_value, pk FROM "
					+ "pragma_table_info(?) ORDER BY cid", table)) {
				items.put("column " + table + "." + column[0], column[1] + ("1".equals(column[2]) ? " not null" : " null")
						+ ((column[3] != null) ? " default " + column[3] : ""));
				if (!"0".equals(column[4])) {
					primaryKey.add(Integer.parseInt(column[4]) - 1, column[0]);
				}
			}
			if (!primaryKey.isEmpty()) {
				items.put("primary key " + table, "(" + String.join(", ", primaryKey) + ")");
			}
			for (String[] index : rows(connection, "SELECT name, \"unique\", origin FROM pragma_index_list(?)", table)) {
				List<String> columns = strings(connection, "SELECT coalesce(name, 'expr') || CASE WHEN \"desc\" = 1 "
						+ "THEN ' desc' ELSE '' END FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno", index[0]);
				String list = "(" + String.join(", ", columns) + ")";
				if ("u".equals(index[2])) {
					items.put("unique " + table + " " + list, "");
				}
				else if ("c".equals(index[2])) {
					String sql = strings(connection, "SELECT coalesce(sql, '') FROM sqlite_master WHERE name = ?", index[0])
						.get(0);
					int where = sql.toUpperCase(Locale.ROOT).lastIndexOf(" WHERE ");
					items.put("index " + table + "." + index[0], ("1".equals(index[1]) ? "unique " : "") + list
							+ ((where >= 0) ? " where " + sql.substring(where + 7).strip() : ""));
				}
			}
			for (String[] key : rows(connection, "SELECT id, group_concat(\"from\", ', '), \"table\", "
					+ "group_concat(coalesce(\"to\", ''), ', '), on_delete FROM (SELECT * FROM pragma_foreign_key_list(?) "
					+ "ORDER BY id, seq) GROUP BY id", table)) {
				items.put("foreign key " + table + " (" + key[1] + ") references " + key[2] + " (" + key[3] + ")",
						"on delete " + key[4].toLowerCase(Locale.ROOT));
			}
		}
	}

	private static void readPostgresql(Connection connection, Set<String> excluded, TreeMap<String, String> items)
			throws SQLException {
		String schema = connection.getSchema();
		for (String table : strings(connection, "SELECT tablename FROM pg_tables WHERE schemaname = ?", schema)) {
			if (excluded.contains(table.toLowerCase(Locale.ROOT))) {
				continue;
			}
			items.put("table " + table, "");
			String relation = "(quote_ident(?) || '.' || quote_ident(?))::regclass";
			for (String[] column : rows(connection, "SELECT a.attname, format_type(a.atttypid, a.atttypmod), "
					+ "a.attnotnull, pg_get_expr(d.adbin, d.adrelid) FROM pg_attribute a LEFT JOIN pg_attrdef d "
					+ "ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = " + relation
					+ " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum", schema, table)) {
				items.put("column " + table + "." + column[0], column[1] + ("t".equals(column[2]) ? " not null" : " null")
						+ ((column[3] != null) ? " default " + column[3] : ""));
			}
			for (String[] constraint : rows(connection, "SELECT c.contype, (SELECT string_agg(a.attname, ', ' ORDER BY "
					+ "k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(num, ord) JOIN pg_attribute a ON a.attrelid = "
					+ "c.conrelid AND a.attnum = k.num), c.confrelid::regclass::text, (SELECT string_agg(a.attname, ', ' "
					+ "ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY k(num, ord) JOIN pg_attribute a ON "
					+ "a.attrelid = c.confrelid AND a.attnum = k.num), c.confdeltype FROM pg_constraint c WHERE "
					+ "c.conrelid = " + relation + " AND c.contype IN ('p', 'u', 'f')", schema, table)) {
				switch (constraint[0]) {
					case "p" -> items.put("primary key " + table, "(" + constraint[1] + ")");
					case "u" -> items.put("unique " + table + " (" + constraint[1] + ")", "");
					default -> items.put("foreign key " + table + " (" + constraint[1] + ") references "
							+ constraint[2].replace("\"", "") + " (" + constraint[3] + ")", "on delete " + onDelete(constraint[4]));
				}
			}
			for (String[] index : rows(connection, "SELECT ic.relname, i.indisunique, (SELECT string_agg("
					+ "pg_get_indexdef(i.indexrelid, k, true) || CASE WHEN i.indoption[k - 1] & 1 = 1 THEN ' desc' "
					+ "ELSE '' END, ', ' ORDER BY k) FROM generate_series(1, i.indnkeyatts) k), "
					+ "pg_get_expr(i.indpred, i.indrelid, true) FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid "
					+ "WHERE i.indrelid = " + relation + " AND NOT i.indisprimary AND NOT EXISTS (SELECT 1 FROM "
					+ "pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u'))", schema, table)) {
				items.put("index " + table + "." + index[0], ("t".equals(index[1]) ? "unique " : "") + "(" + index[2] + ")"
						+ ((index[3] != null) ? " where " + index[3] : ""));
			}
		}
	}

	private static String onDelete(String code) {
		return switch (code) {
			case "c" -> "cascade";
			case "n" -> "set null";
			case "d" -> "set default";
			case "r" -> "restrict";
			default -> "no action";
		};
	}

	private static List<String> strings(Connection connection, String sql, String... parameters) throws SQLException {
		List<String> values = new ArrayList<>();
		for (String[] row : rows(connection, sql, parameters)) {
			values.add(row[0]);
		}
		return values;
	}

	private static List<String[]> rows(Connection connection, String sql, String... parameters) throws SQLException {
		List<String[]> rows = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setString(i + 1, parameters[i]);
			}
			try (ResultSet result = statement.executeQuery()) {
				int width = result.getMetaData().getColumnCount();
				while (result.next()) {
					String[] row = new String[width];
					for (int i = 0; i < width; i++) {
						row[i] = result.getString(i + 1);
					}
					rows.add(row);
				}
			}
		}
		return rows;
	}

}
