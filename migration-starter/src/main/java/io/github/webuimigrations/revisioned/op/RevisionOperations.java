package io.github.webuimigrations.revisioned.op;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

import io.github.webuimigrations.RowProgress;
import io.github.webuimigrations.database.Dialect;
import io.github.webuimigrations.database.Sql;

/**
 * What a revision works with: Alembic's {@code op} operations and the SQLAlchemy inspector
 * checks upstream's guards use ({@code get_table_names}, {@code get_columns},
 * {@code get_indexes}), on the revision's connection and inside its transaction, and the
 * {@link ChatRewrite} its work on every chat is declared to.
 *
 * @author webui-migrations
 */
public class RevisionOperations {

	/** Rows per page of a data migration, and per write batch, unless the run says otherwise. */
	public static final int DEFAULT_PAGE_SIZE = 500;

	private final Connection connection;

	private final Dialect dialect;

	private final RowProgress progress;

	private final ChatRewrite chatRewrite;

	private final int pageSize;

	/**
	 * Operations for reading: no progress, no chat rewrite, the default page size.
	 * @param connection the connection
	 * @throws SQLException if its dialect cannot be read
	 */
	public RevisionOperations(Connection connection) throws SQLException {
		this(connection, RowProgress.NONE, null, DEFAULT_PAGE_SIZE);
	}

	/**
	 * Operations for a revision the engine runs.
	 * @param connection the revision's connection, inside its transaction
	 * @param progress where the revision reports progress through its rows
	 * @param chatRewrite where it declares its work on every chat, or {@code null} for none
	 * @param pageSize rows per page and per write batch; 1 reads and writes row by row
	 * @throws SQLException if the dialect cannot be read
	 */
	public RevisionOperations(Connection connection, RowProgress progress, ChatRewrite chatRewrite, int pageSize)
			throws SQLException {
		this.connection = connection;
		this.dialect = Dialect.of(connection);
		this.progress = progress;
		this.chatRewrite = chatRewrite;
		this.pageSize = Math.max(1, pageSize);
	}

	public Connection connection() {
		return this.connection;
	}

	/**
	 * Where the running revision reports progress through its rows.
	 * @return the progress
	 */
	public RowProgress progress() {
		return this.progress;
	}

	/**
	 * The pass over {@code chat} that the revision declares its work on every chat to: shared
	 * with the other revisions of a one-pass group, or the revision's own.
	 * @return the rewrite
	 * @throws IllegalStateException outside a revision run by the engine
	 */
	public ChatRewrite chatRewrite() {
		if (this.chatRewrite == null) {
			throw new IllegalStateException("No chat rewrite: these operations are not a revision's");
		}
		return this.chatRewrite;
	}

	/**
	 * Rows per page of a data migration ({@link KeysetScan}) and per write batch ({@link RowWriter}).
	 * @return the page size
	 */
	public int pageSize() {
		return this.pageSize;
	}

	/**
	 * Whether data migrations read and write one row at a time (page size 1): the baseline the
	 * benchmark compares with, without staging or a helper thread.
	 * @return whether row by row
	 */
	public boolean rowByRow() {
		return this.pageSize == 1;
	}

	public Dialect dialect() {
		return this.dialect;
	}

	public boolean isSqlite() {
		return this.dialect == Dialect.SQLITE;
	}

	// inspector

	/**
	 * The tables of the current schema, as {@code get_table_names()} reports them.
	 * @return the table names
	 * @throws SQLException on a database error
	 */
	public Set<String> tableNames() throws SQLException {
		return new LinkedHashSet<>(Sql.tableNames(this.connection));
	}

	public boolean hasTable(String table) throws SQLException {
		return tableNames().contains(table);
	}

	/**
	 * The columns of a table in order.
	 * @param table the table
	 * @return its columns
	 * @throws SQLException on a database error
	 */
	public List<ColumnInfo> columns(String table) throws SQLException {
		List<ColumnInfo> columns = new ArrayList<>();
		String sql = isSqlite() ? "SELECT name, type, \"notnull\" = 1, dflt_value FROM pragma_table_info(?) ORDER BY cid"
				: "SELECT column_name, data_type, is_nullable = 'NO', column_default FROM information_schema.columns "
						+ "WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position";
		try (PreparedStatement statement = this.connection.prepareStatement(sql)) {
			statement.setString(1, table);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					columns.add(new ColumnInfo(rows.getString(1), rows.getString(2), rows.getBoolean(3), rows.getString(4)));
				}
			}
		}
		return columns;
	}

	public boolean hasColumn(String table, String column) throws SQLException {
		return columns(table).stream().anyMatch((info) -> info.name().equals(column));
	}

	/**
	 * The explicitly created indexes of a table, as {@code get_indexes()} names them (no
	 * primary-key or SQLite automatic indexes).
	 * @param table the table
	 * @return the index names
	 * @throws SQLException on a database error
	 */
	public Set<String> indexNames(String table) throws SQLException {
		return new LinkedHashSet<>(isSqlite()
				? strings("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", table)
				: strings("SELECT ic.relname FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid "
						+ "JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
						+ "WHERE t.relname = ? AND n.nspname = current_schema() AND NOT i.indisprimary", table));
	}

	/**
	 * The names of a table's unique constraints ({@code get_unique_constraints()}).
	 * @param table the table
	 * @return the named unique constraints
	 * @throws SQLException on a database error
	 */
	public Set<String> uniqueConstraintNames(String table) throws SQLException {
		if (isSqlite()) {
			Set<String> names = new LinkedHashSet<>();
			SqliteTableShape.reflect(this.connection, table).uniques.forEach((unique) -> {
				if (unique.name() != null) {
					names.add(unique.name());
				}
			});
			return names;
		}
		return new LinkedHashSet<>(strings("SELECT c.conname FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid "
				+ "JOIN pg_namespace n ON n.oid = t.relnamespace WHERE t.relname = ? AND n.nspname = current_schema() "
				+ "AND c.contype = 'u'", table));
	}

	/**
	 * The name of a table's primary key ({@code get_pk_constraint()["name"]}): SQLite primary
	 * keys have a name only when the table's SQL gives one.
	 * @param table the table
	 * @return the name, or {@code null} (also when there is no primary key)
	 * @throws SQLException on a database error
	 */
	public String primaryKeyName(String table) throws SQLException {
		if (isSqlite()) {
			SqliteTableShape shape = SqliteTableShape.reflect(this.connection, table);
			return (shape.primaryKey != null) ? shape.primaryKey.name() : null;
		}
		List<String> names = strings("SELECT c.conname FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid "
				+ "JOIN pg_namespace n ON n.oid = t.relnamespace WHERE t.relname = ? AND n.nspname = current_schema() "
				+ "AND c.contype = 'p'", table);
		return names.isEmpty() ? null : names.get(0);
	}

	/**
	 * The columns of a table's primary key, in key order ({@code get_pk_constraint()}).
	 * @param table the table
	 * @return the columns, empty without a primary key
	 * @throws SQLException on a database error
	 */
	public List<String> primaryKeyColumns(String table) throws SQLException {
		if (isSqlite()) {
			SqliteTableShape shape = SqliteTableShape.reflect(this.connection, table);
			return (shape.primaryKey != null) ? shape.primaryKey.columns() : List.of();
		}
		return strings("SELECT a.attname FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid "
				+ "JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_attribute a ON a.attrelid = t.oid "
				+ "AND a.attnum = ANY(i.indkey) WHERE t.relname = ? AND n.nspname = current_schema() AND i.indisprimary", table);
	}

	/**
	 * Whether a table has a primary key.
	 * @param table the table
	 * @return whether it has one
	 * @throws SQLException on a database error
	 */
	public boolean hasPrimaryKey(String table) throws SQLException {
		if (isSqlite()) {
			return SqliteTableShape.reflect(this.connection, table).primaryKey != null;
		}
		return primaryKeyName(table) != null;
	}

	/**
	 * A table's unique indexes that do not back a unique or primary-key constraint.
	 * @param table the table
	 * @return their names
	 * @throws SQLException on a database error
	 */
	public Set<String> standaloneUniqueIndexNames(String table) throws SQLException {
		if (isSqlite()) {
			return new LinkedHashSet<>(strings("SELECT name FROM pragma_index_list(?) WHERE \"unique\" = 1 AND origin = 'c'",
					table));
		}
		return new LinkedHashSet<>(strings("SELECT ic.relname FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid "
				+ "JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
				+ "WHERE t.relname = ? AND n.nspname = current_schema() AND i.indisunique AND NOT i.indisprimary "
				+ "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)", table));
	}

	public boolean hasIndex(String table, String index) throws SQLException {
		return indexNames(table).contains(index);
	}

	/**
	 * How many legacy migrations the database has had ({@code migratehistory} rows), which tells
	 * whose schema a base table has: the legacy tier's, or the init revision's.
	 * @return 0 to 18
	 * @throws SQLException on a database error
	 */
	public int legacyMigrationsApplied() throws SQLException {
		return hasTable("migratehistory") ? Integer.parseInt(strings("SELECT count(*) FROM migratehistory").get(0)) : 0;
	}

	// operations

	/**
	 * {@code with op.batch_alter_table(table) as batch: ...}: the changes are made at once, by
	 * one SQLite rebuild or by ALTER statements on PostgreSQL.
	 * @param table the table
	 * @param changes the changes
	 * @throws SQLException on a database error
	 */
	public void batch(String table, Consumer<BatchAlterTable> changes) throws SQLException {
		BatchAlterTable batch = new BatchAlterTable(table);
		changes.accept(batch);
		// a pass that rewrites chat rebuilds it anyway
		boolean deferred = this.chatRewrite != null && isSqlite() && table.equals("chat")
				&& this.chatRewrite.deferRebuild(batch);
		if (!deferred) {
			batch.apply(this);
		}
	}

	public void createTable(TableDefinition table) throws SQLException {
		execute(table.createSql(this.dialect));
	}

	public void dropTable(String table) throws SQLException {
		execute("DROP TABLE " + quote(table));
	}

	public void addColumn(String table, Column column) throws SQLException {
		execute("ALTER TABLE " + quote(table) + " ADD COLUMN " + column.ddl(this.dialect, false));
	}

	public void dropColumn(String table, String column) throws SQLException {
		execute("ALTER TABLE " + quote(table) + " DROP COLUMN " + quote(column));
	}

	public void renameColumn(String table, String from, String to) throws SQLException {
		execute("ALTER TABLE " + quote(table) + " RENAME COLUMN " + quote(from) + " TO " + quote(to));
	}

	public void createIndex(String name, String table, boolean unique, String... columns) throws SQLException {
		String sql = "CREATE " + (unique ? "UNIQUE " : "") + "INDEX " + quote(name) + " ON " + quote(table) + " ("
				+ String.join(", ", List.of(columns).stream().map(RevisionOperations::quote).toList()) + ")";
		// built once a pass over chat has written every row, instead of kept up to date through it
		boolean deferred = this.chatRewrite != null && table.equals("chat") && !unique
				&& this.chatRewrite.deferIndex(sql);
		if (!deferred) {
			execute(sql);
		}
	}

	public void dropIndex(String name) throws SQLException {
		execute("DROP INDEX " + quote(name));
	}

	/**
	 * Run one statement with positional parameters.
	 * @param sql the statement
	 * @param parameters its parameters
	 * @return the update count, or -1
	 * @throws SQLException on a database error
	 */
	public int execute(String sql, Object... parameters) throws SQLException {
		return Sql.execute(this.connection, sql, parameters);
	}

	/**
	 * A JSON value as a statement parameter: text on SQLite, {@code json} on PostgreSQL.
	 * @return the placeholder to use in SQL for a JSON parameter
	 */
	public String jsonPlaceholder() {
		return isSqlite() ? "?" : "CAST(? AS JSON)";
	}

	public List<String> strings(String sql, String... parameters) throws SQLException {
		return Sql.strings(this.connection, sql, parameters);
	}

	/**
	 * An identifier quoted as SQLAlchemy quotes it: only reserved words and names that are not
	 * plain lower-case identifiers.
	 * @param identifier the name
	 * @return the name, quoted if needed
	 */
	public static String quote(String identifier) {
		return Sql.quote(identifier);
	}

	/**
	 * A column as the inspector reports it.
	 *
	 * @param name the column name
	 * @param type the declared (SQLite) or data (PostgreSQL) type
	 * @param notNull whether it is NOT NULL
	 * @param defaultValue the default expression, or {@code null}
	 */
	public record ColumnInfo(String name, String type, boolean notNull, String defaultValue) {

		/** Whether the type is a text type, as SQLAlchemy's {@code isinstance(type, sa.Text)} sees it. */
		public boolean isText() {
			String upper = this.type.toUpperCase(Locale.ROOT);
			return upper.equals("TEXT");
		}

	}

}
