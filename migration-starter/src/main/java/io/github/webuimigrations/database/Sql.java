package io.github.webuimigrations.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Plain JDBC for the few statements everyone here needs: run one, read a column of strings,
 * quote a name as SQLAlchemy does. For the tiers' bookkeeping, backups and the drift check;
 * revisions use the richer {@code RevisionOperations}, which is built on these.
 *
 * @author webui-migrations
 */
public final class Sql {

	private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

	/** Words SQLAlchemy quotes on both dialects, among the names open-webui uses. */
	private static final Set<String> RESERVED = Set.of("user", "group", "order", "default", "check", "column",
			"table", "primary", "references", "unique", "select", "from", "where", "to", "key", "action", "index");

	private Sql() {
	}

	/**
	 * Run one statement with positional parameters.
	 * @param connection the connection
	 * @param sql the statement
	 * @param parameters its parameters
	 * @return the update count, or -1
	 * @throws SQLException on a database error
	 */
	public static int execute(Connection connection, String sql, Object... parameters) throws SQLException {
		if (parameters.length == 0) {
			try (Statement statement = connection.createStatement()) {
				statement.execute(sql);
				return statement.getUpdateCount();
			}
		}
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setObject(i + 1, parameters[i]);
			}
			statement.execute();
			return statement.getUpdateCount();
		}
	}

	/**
	 * The first column of every row of a query, as strings.
	 * @param connection the connection
	 * @param sql the query
	 * @param parameters its string parameters
	 * @return the values
	 * @throws SQLException on a database error
	 */
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

	/**
	 * The tables of the connection's schema (SQLite: the main database; PostgreSQL: the
	 * current schema), as SQLAlchemy's {@code get_table_names()} reports them.
	 * @param connection the connection
	 * @return the table names, in name order
	 * @throws SQLException on a database error
	 */
	public static List<String> tableNames(Connection connection) throws SQLException {
		return (Dialect.of(connection) == Dialect.SQLITE)
				? strings(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
						+ "ORDER BY name")
				: strings(connection, "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
						+ "ORDER BY tablename");
	}

	/**
	 * Whether a table exists, its name compared without case (Liquibase's capitals are folded
	 * by PostgreSQL).
	 * @param connection the connection
	 * @param table the table
	 * @return whether it exists
	 * @throws SQLException on a database error
	 */
	public static boolean hasTableIgnoringCase(Connection connection, String table) throws SQLException {
		return tableNames(connection).stream().anyMatch((name) -> name.equalsIgnoreCase(table));
	}

	/**
	 * An identifier quoted as SQLAlchemy quotes it: only reserved words and names that are not
	 * plain lower-case identifiers.
	 * @param identifier the name
	 * @return the name, quoted if needed
	 */
	public static String quote(String identifier) {
		if (PLAIN_IDENTIFIER.matcher(identifier).matches() && !RESERVED.contains(identifier.toLowerCase(Locale.ROOT))) {
			return identifier;
		}
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

}
