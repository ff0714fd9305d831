package io.github.webuimigrations.legacy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.UnaryOperator;

import io.github.webuimigrations.database.Dialect;

/**
 * The schema operations of peewee-migrate 1.14.3 that open-webui's legacy migrations call,
 * with the SQL peewee emitted on each dialect: {@code create_model}, {@code remove_model},
 * {@code add_fields}, {@code change_fields}, {@code remove_fields}, {@code add_not_null} and
 * {@code sql}. A migration reads like its upstream twin:
 * {@code migrator.addFields("chat", Field.charField("share_id").nullable().unique())}.
 *
 * @author webui-migrations
 */
public class LegacyMigrator {

	private final Connection connection;

	private final Dialect dialect;

	public LegacyMigrator(Connection connection) throws SQLException {
		this.connection = connection;
		this.dialect = Dialect.of(connection);
	}

	public Connection connection() {
		return this.connection;
	}

	public Dialect dialect() {
		return this.dialect;
	}

	public boolean isSqlite() {
		return this.dialect == Dialect.SQLITE;
	}

	/**
	 * {@code create_model}: the table if it does not exist, and a unique index
	 * {@code <table>_<column>} per unique field. A field named {@code id} that is not an
	 * {@link FieldType#AUTO} field leaves the table without a primary key, as in peewee.
	 * @param table table name
	 * @param fields its fields, in order
	 * @throws SQLException on a database error
	 */
	public void createModel(String table, Field... fields) throws SQLException {
		StringBuilder columns = new StringBuilder();
		for (Field field : fields) {
			columns.append((columns.length() > 0) ? ", " : "").append(field.ddl(this.dialect, false));
		}
		sql("CREATE TABLE IF NOT EXISTS " + quote(table) + " (" + columns + ")");
		for (Field field : fields) {
			if (field.hasUniqueIndex()) {
				sql("CREATE UNIQUE INDEX IF NOT EXISTS " + quote(indexName(table, field.name())) + " ON "
						+ quote(table) + " (" + quote(field.name()) + ")");
			}
		}
	}

	/**
	 * {@code remove_model}: drop the table (with CASCADE on PostgreSQL).
	 * @param table table name
	 * @throws SQLException on a database error
	 */
	public void removeModel(String table) throws SQLException {
		sql("DROP TABLE IF EXISTS " + quote(table) + (isSqlite() ? "" : " CASCADE"));
	}

	/**
	 * {@code add_fields}: add each column as nullable; a NOT NULL field then has its default
	 * written into every row and NOT NULL added; a unique field gets its index.
	 * @param table table name
	 * @param fields the new fields
	 * @throws SQLException on a database error
	 */
	public void addFields(String table, Field... fields) throws SQLException {
		for (Field field : fields) {
			sql("ALTER TABLE " + quote(table) + " ADD COLUMN " + field.ddl(this.dialect, true));
			if (!field.allowsNull()) {
				if (field.defaultValue() == null) {
					throw new IllegalStateException(table + "." + field.name() + " is NOT NULL and has no default");
				}
				try (PreparedStatement update = this.connection
					.prepareStatement("UPDATE " + quote(table) + " SET " + quote(field.name()) + " = ?")) {
					update.setObject(1, field.defaultValue());
					update.executeUpdate();
				}
				addNotNull(table, field.name());
			}
			if (field.hasUniqueIndex()) {
				sql("CREATE UNIQUE INDEX " + quote(indexName(table, field.name())) + " ON " + quote(table) + " ("
						+ quote(field.name()) + ")");
			}
		}
	}

	/**
	 * {@code change_fields}: give each column its new type, then NOT NULL again if the field
	 * is not nullable. On SQLite both steps rebuild the table, which is why legacy SQLite
	 * tables say {@code NOT NULL NOT NULL}.
	 * @param table table name
	 * @param fields the fields in their new form
	 * @throws SQLException on a database error
	 */
	public void changeFields(String table, Field... fields) throws SQLException {
		for (Field field : fields) {
			if (isSqlite()) {
				String definition = field.ddl(this.dialect, false);
				rewriteColumn(table, field.name(), (current) -> definition);
			}
			else {
				sql("ALTER TABLE " + quote(table) + " ALTER COLUMN " + quote(field.name()) + " TYPE "
						+ field.type().sql(this.dialect));
			}
			if (!field.allowsNull()) {
				addNotNull(table, field.name());
			}
		}
	}

	/**
	 * {@code remove_fields}: drop the column's {@code <table>_<column>} index if there is one,
	 * then the column (native DROP COLUMN on SQLite 3.35+, CASCADE on PostgreSQL).
	 * @param table table name
	 * @param columns column names
	 * @throws SQLException on a database error
	 */
	public void removeFields(String table, String... columns) throws SQLException {
		for (String column : columns) {
			sql("DROP INDEX IF EXISTS " + quote(indexName(table, column)));
			sql("ALTER TABLE " + quote(table) + " DROP COLUMN " + quote(column) + (isSqlite() ? "" : " CASCADE"));
		}
	}

	/**
	 * {@code add_not_null}: SET NOT NULL on PostgreSQL, a table rebuild appending
	 * {@code NOT NULL} to the column definition on SQLite.
	 * @param table table name
	 * @param column column name
	 * @throws SQLException on a database error
	 */
	public void addNotNull(String table, String column) throws SQLException {
		if (isSqlite()) {
			rewriteColumn(table, column, (definition) -> definition + " NOT NULL");
		}
		else {
			sql("ALTER TABLE " + quote(table) + " ALTER COLUMN " + quote(column) + " SET NOT NULL");
		}
	}

	/**
	 * {@code migrator.sql}: run raw SQL.
	 * @param sql the statement
	 * @throws SQLException on a database error
	 */
	public void sql(String sql) throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private void rewriteColumn(String table, String column, UnaryOperator<String> rewrite) throws SQLException {
		new SqliteColumnRewrite(this.connection).apply(table, column, rewrite);
	}

	static String indexName(String table, String column) {
		return table + "_" + column;
	}

	static String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

}
