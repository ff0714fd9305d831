package io.github.webuimigrations.revisioned.op;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SQLite table as SQLAlchemy reflects it for a batch operation: columns (declared type,
 * NOT NULL, default), the primary key and unique constraints with the names written in the
 * table's SQL, foreign keys, and the SQL of its explicit indexes.
 *
 * @author webui-migrations
 */
final class SqliteTableShape {

	private static final Pattern NAMED_FOREIGN_KEY = Pattern
		.compile("CONSTRAINT\\s+\"?(\\w+)\"?\\s+FOREIGN\\s+KEY\\s*\\(\"?(\\w+)\"?\\)", Pattern.CASE_INSENSITIVE);

	private static final Pattern NAMED_CONSTRAINT = Pattern
		.compile("CONSTRAINT\\s+\"?(\\w+)\"?\\s+(PRIMARY\\s+KEY|UNIQUE)\\s*\\(([^)]*)\\)", Pattern.CASE_INSENSITIVE);

	final String name;

	final List<TableColumn> columns = new ArrayList<>();

	/** The primary key: its name (or {@code null}) and columns. */
	Constraint primaryKey;

	final List<Constraint> uniques = new ArrayList<>();

	final List<String> foreignKeys = new ArrayList<>();

	/** Explicit indexes by name, with their SQL. */
	final Map<String, String> indexes = new LinkedHashMap<>();

	/** The columns of each explicit index. */
	final Map<String, List<String>> indexColumns = new LinkedHashMap<>();

	private SqliteTableShape(String name) {
		this.name = name;
	}

	/** A column of the rebuilt table, and the expression that fills it from the old one. */
	static final class TableColumn {

		String name;

		String type;

		boolean notNull;

		String defaultValue;

		/** SQL reading the value from the old table, or {@code null} for a new column. */
		String source;

		TableColumn(String name, String type, boolean notNull, String defaultValue, String source) {
			this.name = name;
			this.type = type;
			this.notNull = notNull;
			this.defaultValue = defaultValue;
			this.source = source;
		}

		String ddl() {
			return RevisionOperations.quote(this.name) + " " + this.type
					+ ((this.defaultValue != null) ? " DEFAULT " + this.defaultValue : "") + (this.notNull ? " NOT NULL" : "");
		}

	}

	/** A primary key or unique constraint. */
	record Constraint(String name, List<String> columns) {

		String ddl(String kind) {
			return ((this.name != null) ? "CONSTRAINT " + RevisionOperations.quote(this.name) + " " : "") + kind + " ("
					+ String.join(", ", this.columns.stream().map(RevisionOperations::quote).toList()) + ")";
		}

	}

	static SqliteTableShape reflect(Connection connection, String table) throws SQLException {
		SqliteTableShape shape = new SqliteTableShape(table);
		String sql = first(connection, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", table);
		if (sql == null) {
			throw new SQLException("No table " + table);
		}
		Map<String, String> constraintNames = new LinkedHashMap<>();
		Matcher named = NAMED_CONSTRAINT.matcher(sql);
		while (named.find()) {
			constraintNames.put(key(named.group(3)), named.group(1));
		}
		List<String> pk = new ArrayList<>();
		try (PreparedStatement info = connection
			.prepareStatement("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid")) {
			info.setString(1, table);
			try (ResultSet rows = info.executeQuery()) {
				Map<Integer, String> pkOrder = new java.util.TreeMap<>();
				while (rows.next()) {
					String column = rows.getString(1);
					shape.columns.add(new TableColumn(column, rows.getString(2).toUpperCase(Locale.ROOT), rows.getInt(3) == 1,
							rows.getString(4), RevisionOperations.quote(column)));
					if (rows.getInt(5) > 0) {
						pkOrder.put(rows.getInt(5), column);
					}
				}
				pk.addAll(pkOrder.values());
			}
		}
		if (!pk.isEmpty()) {
			shape.primaryKey = new Constraint(constraintNames.get(key(String.join(",", pk))), pk);
		}
		try (PreparedStatement list = connection
			.prepareStatement("SELECT name, origin FROM pragma_index_list(?) ORDER BY seq DESC")) {
			list.setString(1, table);
			try (ResultSet rows = list.executeQuery()) {
				while (rows.next()) {
					String index = rows.getString(1);
					String origin = rows.getString(2);
					if (origin.equals("u")) {
						List<String> columns = indexColumns(connection, index);
						shape.uniques.add(new Constraint(constraintNames.get(key(String.join(",", columns))), columns));
					}
					else if (origin.equals("c")) {
						shape.indexes.put(index,
								first(connection, "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", index));
						shape.indexColumns.put(index, indexColumns(connection, index));
					}
				}
			}
		}
		Map<String, String> foreignKeyNames = new LinkedHashMap<>();
		Matcher namedKey = NAMED_FOREIGN_KEY.matcher(sql);
		while (namedKey.find()) {
			foreignKeyNames.put(namedKey.group(2), namedKey.group(1));
		}
		try (PreparedStatement keys = connection.prepareStatement(
				"SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq")) {
			keys.setString(1, table);
			try (ResultSet rows = keys.executeQuery()) {
				while (rows.next()) {
					String name = foreignKeyNames.get(rows.getString(2));
					shape.foreignKeys.add(((name != null) ? "CONSTRAINT " + RevisionOperations.quote(name) + " " : "")
							+ "FOREIGN KEY(" + RevisionOperations.quote(rows.getString(2)) + ") REFERENCES "
							+ RevisionOperations.quote(rows.getString(1)) + " (" + RevisionOperations.quote(rows.getString(3))
							+ ")" + ("NO ACTION".equals(rows.getString(4)) ? "" : " ON DELETE " + rows.getString(4)));
				}
			}
		}
		return shape;
	}

	/** Forget the indexes on columns that are gone, as Alembic's rebuild does. */
	void dropIndexesOnMissingColumns() {
		List<String> names = this.columns.stream().map((column) -> column.name).toList();
		this.indexColumns.forEach((index, columns) -> {
			if (!names.containsAll(columns)) {
				this.indexes.remove(index);
			}
		});
	}

	TableColumn column(String name) {
		return this.columns.stream()
			.filter((column) -> column.name.equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(this.name + " has no column " + name));
	}

	/** Rebuild the table in this shape: Alembic's move and copy. */
	void rebuild(Connection connection) throws SQLException {
		String temporary = createTemporary(connection);
		List<String> targets = new ArrayList<>();
		List<String> sources = new ArrayList<>();
		for (TableColumn column : this.columns) {
			if (column.source != null) {
				targets.add(RevisionOperations.quote(column.name));
				sources.add(column.source);
			}
		}
		try (var statement = connection.createStatement()) {
			statement.execute("INSERT INTO " + RevisionOperations.quote(temporary) + " (" + String.join(", ", targets)
					+ ") SELECT " + String.join(", ", sources) + " FROM " + RevisionOperations.quote(this.name));
		}
		replaceWithTemporary(connection);
	}

	/**
	 * Create the empty table in this shape under its temporary name, for rows to be copied in.
	 * @param connection the migration's connection
	 * @return the temporary table's name
	 * @throws SQLException on a database error, or if foreign keys are enforced
	 */
	String createTemporary(Connection connection) throws SQLException {
		if ("1".equals(first(connection, "SELECT foreign_keys FROM pragma_foreign_keys", null))) {
			// dropping the old table would run ON DELETE CASCADE on every referencing row
			throw new SQLException("PRAGMA foreign_keys is ON for the migration connection: rebuilding table " + this.name
					+ " would cascade deletes into the tables that reference it; migrate with foreign keys off");
		}
		String temporary = temporaryName();
		List<String> parts = new ArrayList<>();
		this.columns.forEach((column) -> parts.add(column.ddl()));
		if (this.primaryKey != null) {
			parts.add(this.primaryKey.ddl("PRIMARY KEY"));
		}
		this.uniques.forEach((unique) -> parts.add(unique.ddl("UNIQUE")));
		parts.addAll(this.foreignKeys);
		try (var statement = connection.createStatement()) {
			statement.execute("CREATE TABLE " + RevisionOperations.quote(temporary) + " (\n\t" + String.join(", \n\t", parts)
					+ "\n)");
		}
		return temporary;
	}

	/**
	 * Drop the table, give the temporary one its name and recreate the indexes.
	 * @param connection the migration's connection
	 * @throws SQLException on a database error
	 */
	void replaceWithTemporary(Connection connection) throws SQLException {
		try (var statement = connection.createStatement()) {
			statement.execute("DROP TABLE " + RevisionOperations.quote(this.name));
			statement.execute("ALTER TABLE " + RevisionOperations.quote(temporaryName()) + " RENAME TO "
					+ RevisionOperations.quote(this.name));
			for (String index : this.indexes.values()) {
				statement.execute(index);
			}
		}
	}

	private String temporaryName() {
		return "_alembic_tmp_" + this.name;
	}

	private static String key(String columns) {
		return columns.replace("\"", "").replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
	}

	private static List<String> indexColumns(Connection connection, String index) throws SQLException {
		List<String> columns = new ArrayList<>();
		try (PreparedStatement info = connection
			.prepareStatement("SELECT name FROM pragma_index_info(?) ORDER BY seqno")) {
			info.setString(1, index);
			try (ResultSet rows = info.executeQuery()) {
				while (rows.next()) {
					columns.add(rows.getString(1));
				}
			}
		}
		return columns;
	}

	private static String first(Connection connection, String sql, String parameter) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			if (parameter != null) {
				statement.setString(1, parameter);
			}
			try (ResultSet rows = statement.executeQuery()) {
				return rows.next() ? rows.getString(1) : null;
			}
		}
	}

}
