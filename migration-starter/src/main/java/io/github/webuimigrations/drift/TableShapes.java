package io.github.webuimigrations.drift;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.github.webuimigrations.database.Dialect;

/**
 * The tables of a schema as the database's own catalog describes them: per table its columns
 * (declared type, NOT NULL, default, place in the primary key), every index (with the columns
 * or expressions of its key in order, descending ones marked, and a partial index's condition)
 * and its foreign keys. The one set of catalog queries, read by the drift check
 * ({@link SchemaCatalog}) and by the tests' schema snapshots alike.
 *
 * @author webui-migrations
 */
public final class TableShapes {

	private TableShapes() {
	}

	/**
	 * Read every table of a connection's schema (the main database on SQLite, the current schema
	 * on PostgreSQL).
	 * @param connection the connection
	 * @param excluded tables left out, lower case
	 * @return the tables, in name order
	 * @throws SQLException on a database error
	 */
	public static List<TableShape> read(Connection connection, Set<String> excluded) throws SQLException {
		boolean sqlite = Dialect.of(connection) == Dialect.SQLITE;
		List<TableShape> tables = new ArrayList<>();
		List<String> names = sqlite
				? strings(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
						+ "ORDER BY name")
				: strings(connection, "SELECT tablename FROM pg_tables WHERE schemaname = ? ORDER BY tablename",
						connection.getSchema());
		for (String name : names.stream().sorted().toList()) {
			if (!excluded.contains(name.toLowerCase(Locale.ROOT))) {
				tables.add(sqlite ? sqlite(connection, name) : postgresql(connection, name));
			}
		}
		return tables;
	}

	private static TableShape sqlite(Connection connection, String table) throws SQLException {
		List<Column> columns = new ArrayList<>();
		for (String[] row : rows(connection, "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?) "
				+ "ORDER BY cid", table)) {
			columns.add(new Column(row[0], row[1], "1".equals(row[2]), row[3], Integer.parseInt(row[4])));
		}
		List<Index> indexes = new ArrayList<>();
		for (String[] row : rows(connection, "SELECT name, \"unique\", origin FROM pragma_index_list(?)", table)) {
			List<String> key = strings(connection, "SELECT coalesce(name, 'expr') || CASE WHEN \"desc\" = 1 THEN ' desc' "
					+ "ELSE '' END FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno", row[0]);
			String sql = strings(connection, "SELECT coalesce(sql, '') FROM sqlite_master WHERE name = ?", row[0]).get(0);
			int where = sql.toUpperCase(Locale.ROOT).lastIndexOf(" WHERE ");
			Index.Origin origin = switch (row[2]) {
				case "pk" -> Index.Origin.PRIMARY_KEY;
				case "u" -> Index.Origin.UNIQUE_CONSTRAINT;
				default -> Index.Origin.EXPLICIT;
			};
			indexes.add(new Index(row[0], "1".equals(row[1]), origin, key, (where >= 0) ? sql.substring(where + 7) : null));
		}
		List<ForeignKey> foreignKeys = new ArrayList<>();
		for (String[] row : rows(connection, "SELECT group_concat(\"from\", ', '), \"table\", "
				+ "group_concat(coalesce(\"to\", ''), ', '), on_delete FROM (SELECT * FROM pragma_foreign_key_list(?) "
				+ "ORDER BY id, seq) GROUP BY id", table)) {
			foreignKeys.add(new ForeignKey(null, split(row[0]), row[1], split(row[2]), row[3].toLowerCase(Locale.ROOT),
					null));
		}
		return new TableShape(table, columns, indexes, foreignKeys);
	}

	private static TableShape postgresql(Connection connection, String table) throws SQLException {
		String schema = connection.getSchema();
		String relation = "(quote_ident(?) || '.' || quote_ident(?))::regclass";
		List<String> primaryKey = strings(connection, "SELECT a.attname FROM pg_constraint c CROSS JOIN LATERAL "
				+ "unnest(c.conkey) WITH ORDINALITY AS k(num, ord) JOIN pg_attribute a ON a.attrelid = c.conrelid AND "
				+ "a.attnum = k.num WHERE c.conrelid = " + relation + " AND c.contype = 'p' ORDER BY k.ord", schema, table);
		List<Column> columns = new ArrayList<>();
		for (String[] row : rows(connection, "SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
				+ "pg_get_expr(d.adbin, d.adrelid) FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid "
				+ "AND d.adnum = a.attnum WHERE a.attrelid = " + relation
				+ " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum", schema, table)) {
			columns.add(new Column(row[0], row[1], "t".equals(row[2]), row[3], primaryKey.indexOf(row[0]) + 1));
		}
		List<Index> indexes = new ArrayList<>();
		for (String[] row : rows(connection, "SELECT ic.relname, i.indisunique, i.indisprimary, EXISTS (SELECT 1 FROM "
				+ "pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype = 'u'), (SELECT string_agg("
				+ "pg_get_indexdef(i.indexrelid, k, true) || CASE WHEN i.indoption[k - 1] & 1 = 1 THEN ' desc' ELSE '' END, "
				+ "E'\\x1f' ORDER BY k) FROM generate_series(1, i.indnkeyatts) k), pg_get_expr(i.indpred, i.indrelid, "
				+ "true) FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = " + relation
				+ " ORDER BY ic.relname", schema, table)) {
			Index.Origin origin = "t".equals(row[2]) ? Index.Origin.PRIMARY_KEY
					: "t".equals(row[3]) ? Index.Origin.UNIQUE_CONSTRAINT : Index.Origin.EXPLICIT;
			indexes.add(new Index(row[0], "t".equals(row[1]), origin, List.of(row[4].split("\u001f")), row[5]));
		}
		List<ForeignKey> foreignKeys = new ArrayList<>();
		for (String[] row : rows(connection, "SELECT c.conname, (SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM "
				+ "unnest(c.conkey) WITH ORDINALITY k(num, ord) JOIN pg_attribute a ON a.attrelid = c.conrelid AND "
				+ "a.attnum = k.num), t.relname, (SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM unnest(c.confkey) "
				+ "WITH ORDINALITY k(num, ord) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.num), "
				+ "c.confdeltype, pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_class t ON t.oid = c.confrelid "
				+ "WHERE c.conrelid = " + relation + " AND c.contype = 'f' ORDER BY c.conname", schema, table)) {
			foreignKeys.add(new ForeignKey(row[0], split(row[1]), row[2], split(row[3]), onDelete(row[4]), row[5]));
		}
		return new TableShape(table, columns, indexes, foreignKeys);
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

	private static List<String> split(String list) {
		return Arrays.asList(list.split(", "));
	}

	private static List<String> strings(Connection connection, String sql, String... parameters) throws SQLException {
		return rows(connection, sql, parameters).stream().map((row) -> row[0]).toList();
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

	/**
	 * A table.
	 *
	 * @param name its name
	 * @param columns its columns, in order
	 * @param indexes every index, those backing its primary key and unique constraints included
	 * @param foreignKeys its foreign keys
	 */
	public record TableShape(String name, List<Column> columns, List<Index> indexes, List<ForeignKey> foreignKeys) {
	}

	/**
	 * A column.
	 *
	 * @param name its name
	 * @param type its declared (SQLite) or formatted (PostgreSQL) type
	 * @param notNull whether it is NOT NULL
	 * @param defaultValue its default expression, or {@code null}
	 * @param primaryKeyPosition its place in the primary key from 1, 0 if not part of it
	 */
	public record Column(String name, String type, boolean notNull, String defaultValue, int primaryKeyPosition) {
	}

	/**
	 * An index.
	 *
	 * @param name its name
	 * @param unique whether it is unique
	 * @param origin what made it
	 * @param columns the columns or expressions of its key, in order, {@code " desc"} after
	 * descending ones
	 * @param where a partial index's condition, or {@code null}
	 */
	public record Index(String name, boolean unique, Origin origin, List<String> columns, String where) {

		/**
		 * What made an index.
		 */
		public enum Origin {

			/** The table's primary key. */
			PRIMARY_KEY,

			/** A unique constraint. */
			UNIQUE_CONSTRAINT,

			/** A {@code CREATE INDEX}. */
			EXPLICIT

		}

	}

	/**
	 * A foreign key.
	 *
	 * @param name its name on PostgreSQL, {@code null} on SQLite
	 * @param columns its columns
	 * @param target the table it references
	 * @param targetColumns the columns it references
	 * @param onDelete its {@code ON DELETE} action in lower case
	 * @param definition PostgreSQL's own definition of it, {@code null} on SQLite
	 */
	public record ForeignKey(String name, List<String> columns, String target, List<String> targetColumns,
			String onDelete, String definition) {
	}

}
