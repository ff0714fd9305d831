package io.github.webuimigrations.revisioned.op;

import java.util.ArrayList;
import java.util.List;

import io.github.webuimigrations.database.Dialect;

/**
 * A table as a revision creates it with {@code op.create_table(...)}: columns in order, the
 * primary key and unique constraints, rendered as SQLAlchemy's DDL compiler does.
 *
 * @author webui-migrations
 */
public final class TableDefinition {

	private final String name;

	private final List<Column> columns = new ArrayList<>();

	private final List<String> primaryKey = new ArrayList<>();

	private String primaryKeyName;

	private boolean autoincrement;

	private final List<List<String>> uniques = new ArrayList<>();

	private final List<String> foreignKeys = new ArrayList<>();

	private final List<String> namedUniques = new ArrayList<>();

	private TableDefinition(String name) {
		this.name = name;
	}

	public static TableDefinition named(String name) {
		return new TableDefinition(name);
	}

	public TableDefinition column(Column column) {
		this.columns.add(column);
		return this;
	}

	public TableDefinition column(String name, ColumnType type) {
		return column(Column.of(name, type));
	}

	public TableDefinition primaryKey(String... columns) {
		this.primaryKey.addAll(List.of(columns));
		return this;
	}

	/** A named composite or single primary key ({@code sa.PrimaryKeyConstraint(..., name=...)}). */
	public TableDefinition primaryKeyNamed(String constraintName, String... columns) {
		this.primaryKeyName = constraintName;
		return primaryKey(columns);
	}

	/** An integer primary key that autoincrements (SERIAL on PostgreSQL). */
	public TableDefinition autoincrementPrimaryKey(String column) {
		this.autoincrement = true;
		return primaryKey(column);
	}

	public TableDefinition unique(String... columns) {
		this.uniques.add(List.of(columns));
		return this;
	}

	/** A named unique constraint ({@code sa.UniqueConstraint(..., name=...)}), rendered after the foreign keys. */
	public TableDefinition uniqueNamed(String constraintName, String... columns) {
		this.namedUniques.add("CONSTRAINT " + RevisionOperations.quote(constraintName) + " UNIQUE (" + quoteAll(List.of(columns))
				+ ")");
		return this;
	}

	/** A foreign key as SQLAlchemy renders it, e.g. {@code FOREIGN KEY(user_id) REFERENCES "user" (id) ON DELETE CASCADE}. */
	public TableDefinition foreignKey(String definition) {
		this.foreignKeys.add(definition);
		return this;
	}

	public String name() {
		return this.name;
	}

	/**
	 * {@code CREATE TABLE} as SQLAlchemy renders it.
	 * @param dialect the dialect
	 * @return the statement
	 */
	public String createSql(Dialect dialect) {
		List<String> parts = new ArrayList<>();
		for (Column column : this.columns) {
			boolean serial = this.autoincrement && this.primaryKey.equals(List.of(column.name()));
			// primary key columns are NOT NULL whatever the column said
			Column rendered = this.primaryKey.contains(column.name()) ? column.notNull() : column;
			parts.add(rendered.ddl(dialect, serial));
		}
		if (!this.primaryKey.isEmpty()) {
			parts.add(((this.primaryKeyName != null) ? "CONSTRAINT " + RevisionOperations.quote(this.primaryKeyName) + " "
					: "") + "PRIMARY KEY (" + quoteAll(this.primaryKey) + ")");
		}
		for (List<String> unique : this.uniques) {
			// PostgreSQL drops a unique constraint that repeats the primary key; SQLite keeps it in the DDL
			if (dialect == Dialect.SQLITE || !unique.equals(this.primaryKey)) {
				parts.add("UNIQUE (" + quoteAll(unique) + ")");
			}
		}
		parts.addAll(this.foreignKeys);
		parts.addAll(this.namedUniques);
		return "CREATE TABLE " + RevisionOperations.quote(this.name) + " (\n\t" + String.join(", \n\t", parts) + "\n)";
	}

	private static String quoteAll(List<String> columns) {
		return String.join(", ", columns.stream().map(RevisionOperations::quote).toList());
	}

}
