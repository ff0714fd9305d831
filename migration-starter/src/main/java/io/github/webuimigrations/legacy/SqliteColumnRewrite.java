package io.github.webuimigrations.legacy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * peewee's SQLite table rebuild ({@code SqliteMigrator._update_column}): rewrite one column
 * definition in the table's stored {@code CREATE TABLE} text, rename the table to
 * {@code <table>__tmp__}, create it again from the rewritten text, copy the rows, drop the
 * old table and re-create its indexes from their stored SQL. The text peewee leaves behind,
 * {@code NOT NULL NOT NULL} included, is reproduced exactly.
 *
 * @author webui-migrations
 */
class SqliteColumnRewrite {

	private static final Pattern CREATE = Pattern.compile("(.+?)\\((.+)\\)", Pattern.DOTALL);

	private static final Pattern COLUMN_NAME = Pattern.compile("\"?([^\"\\s]+)\"?");

	private static final String[] CONSTRAINTS = { "foreign ", "primary ", "constraint ", "check " };

	private final Connection connection;

	SqliteColumnRewrite(Connection connection) {
		this.connection = connection;
	}

	void apply(String table, String column, UnaryOperator<String> rewrite) throws SQLException {
		String create = queryOne("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", table);
		if (create == null) {
			throw new SQLException("No table " + table + " to rebuild");
		}
		List<String> indexes = queryAll(
				"SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", table);
		Matcher parts = CREATE.matcher(create.replaceAll("\\s+", " "));
		if (!parts.matches()) {
			throw new SQLException("Cannot read the definition of table " + table);
		}
		List<String> definitions = new ArrayList<>();
		List<String> columns = new ArrayList<>();
		boolean found = false;
		for (String definition : splitColumns(parts.group(2))) {
			String name = columnName(definition);
			if (name.equals(column)) {
				definition = rewrite.apply(definition);
				found = true;
			}
			definitions.add(definition);
			if (!isConstraint(definition)) {
				columns.add(LegacyMigrator.quote(name));
			}
		}
		if (!found) {
			throw new SQLException("Table " + table + " has no column " + column);
		}
		String temporary = LegacyMigrator.quote(table + "__tmp__");
		String quoted = LegacyMigrator.quote(table);
		String columnList = String.join(", ", columns);
		try (Statement statement = this.connection.createStatement()) {
			statement.execute("DROP TABLE IF EXISTS " + temporary);
			statement.execute("ALTER TABLE " + quoted + " RENAME TO " + temporary);
			statement.execute(parts.group(1) + "(" + String.join(", ", definitions) + ")");
			statement.execute("INSERT INTO " + quoted + " (" + columnList + ") SELECT " + columnList + " FROM "
					+ temporary);
			statement.execute("DROP TABLE " + temporary);
			for (String index : indexes) {
				statement.execute(index);
			}
		}
	}

	/** Split a column list on the commas outside parentheses, as peewee's regex does. */
	static List<String> splitColumns(String columns) {
		List<String> result = new ArrayList<>();
		int depth = 0;
		int start = 0;
		for (int i = 0; i < columns.length(); i++) {
			char c = columns.charAt(i);
			if (c == '(') {
				depth++;
			}
			else if (c == ')') {
				depth = Math.max(0, depth - 1);
			}
			else if (c == ',' && depth == 0) {
				result.add(columns.substring(start, i).strip());
				start = i + 1;
			}
		}
		result.add(columns.substring(start).strip());
		return result;
	}

	private static String columnName(String definition) {
		Matcher matcher = COLUMN_NAME.matcher(definition);
		return matcher.lookingAt() ? matcher.group(1) : definition;
	}

	private static boolean isConstraint(String definition) {
		String lower = definition.toLowerCase(Locale.ROOT);
		for (String term : CONSTRAINTS) {
			if (lower.startsWith(term)) {
				return true;
			}
		}
		return false;
	}

	private String queryOne(String sql, String parameter) throws SQLException {
		List<String> values = queryAll(sql, parameter);
		return values.isEmpty() ? null : values.get(0);
	}

	private List<String> queryAll(String sql, String parameter) throws SQLException {
		List<String> values = new ArrayList<>();
		try (PreparedStatement statement = this.connection.prepareStatement(sql)) {
			statement.setString(1, parameter);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					values.add(rows.getString(1));
				}
			}
		}
		return values;
	}

}
