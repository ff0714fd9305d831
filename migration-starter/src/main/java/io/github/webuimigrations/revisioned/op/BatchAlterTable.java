package io.github.webuimigrations.revisioned.op;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Alembic's {@code batch_alter_table}: the changes to one table that SQLite cannot make in
 * place. On PostgreSQL each change is an {@code ALTER TABLE}; on SQLite the table is reflected,
 * changed, and rebuilt once ("move and copy" through {@code _alembic_tmp_<table>}), keeping its
 * rows, indexes and constraint names. This is the one rebuild mechanism every revision uses.
 *
 * @author webui-migrations
 */
public final class BatchAlterTable {

	private final String table;

	private final List<Step> steps = new ArrayList<>();

	BatchAlterTable(String table) {
		this.table = table;
	}

	/**
	 * An empty batch of changes to a table, for the engine; revisions get theirs from
	 * {@link RevisionOperations#batch}.
	 * @param table the table
	 * @return the batch
	 */
	public static BatchAlterTable of(String table) {
		return new BatchAlterTable(table);
	}

	private interface Step {

		void postgresql(RevisionOperations op, String table) throws SQLException;

		void sqlite(SqliteTableShape shape);

	}

	public BatchAlterTable addColumn(Column column) {
		this.steps.add(new Step() {
			public void postgresql(RevisionOperations op, String table) throws SQLException {
				op.addColumn(table, column);
			}

			public void sqlite(SqliteTableShape shape) {
				Column.ServerDefault serverDefault = column.serverDefault();
				shape.columns.add(new SqliteTableShape.TableColumn(column.name(), column.type().sqlite(), !column.nullable(),
						(serverDefault != null) ? serverDefault.sqlite() : null, null));
			}
		});
		return this;
	}

	public BatchAlterTable dropColumn(String column) {
		this.steps.add(new Step() {
			public void postgresql(RevisionOperations op, String table) throws SQLException {
				op.dropColumn(table, column);
			}

			public void sqlite(SqliteTableShape shape) {
				shape.columns.remove(shape.column(column));
				// constraints on the column go with it
				shape.uniques.removeIf((unique) -> unique.columns().contains(column));
				shape.foreignKeys.removeIf((key) -> key.contains("FOREIGN KEY(" + RevisionOperations.quote(column) + ")"));
			}
		});
		return this;
	}

	/**
	 * Change a column's type, nullability or default ({@code alter_column}).
	 * @param column the column
	 * @param type the new type, or {@code null} to keep it
	 * @param postgresqlUsing PostgreSQL's {@code USING} expression for the type change, or {@code null}
	 * @param nullable the new nullability, or {@code null} to keep it
	 * @param dropDefault whether to drop the server default
	 * @return this batch
	 */
	public BatchAlterTable alterColumn(String column, ColumnType type, String postgresqlUsing, Boolean nullable,
			boolean dropDefault) {
		return alterColumn(column, type, postgresqlUsing, null, nullable, dropDefault, null);
	}

	/**
	 * Change a column, with the SQLite copy expression and server default given explicitly.
	 * @param column the column
	 * @param type the new type, or {@code null} to keep it
	 * @param postgresqlUsing PostgreSQL's {@code USING} expression, or {@code null}
	 * @param sqliteSource the SQLite expression filling the column from the old table, or
	 * {@code null} for Alembic's (a CAST when the type's kind changes, except to JSON)
	 * @param nullable the new nullability, or {@code null} to keep it
	 * @param dropDefault whether to drop the server default
	 * @param newDefault a server default to set, or {@code null}
	 * @return this batch
	 */
	public BatchAlterTable alterColumn(String column, ColumnType type, String postgresqlUsing, String sqliteSource,
			Boolean nullable, boolean dropDefault, Column.ServerDefault newDefault) {
		this.steps.add(new Step() {
			public void postgresql(RevisionOperations op, String table) throws SQLException {
				String alter = "ALTER TABLE " + RevisionOperations.quote(table) + " ALTER COLUMN "
						+ RevisionOperations.quote(column);
				if (dropDefault) {
					op.execute(alter + " DROP DEFAULT");
				}
				if (type != null) {
					op.execute(alter + " TYPE " + type.postgresql()
							+ ((postgresqlUsing != null) ? " USING " + postgresqlUsing : ""));
				}
				if (nullable != null) {
					op.execute(alter + (nullable ? " DROP NOT NULL" : " SET NOT NULL"));
				}
				if (newDefault != null) {
					op.execute(alter + " SET DEFAULT " + newDefault.postgresql());
				}
			}

			public void sqlite(SqliteTableShape shape) {
				SqliteTableShape.TableColumn target = shape.column(column);
				if (type != null && !type.sqlite().equals(target.type)) {
					// Alembic casts in the copy when the kind of type changes, except towards JSON
					if (sqliteSource != null) {
						target.source = sqliteSource;
					}
					else if (!type.equals(ColumnType.JSON) && !ColumnType.sameKind(target.type, type.sqlite())) {
						target.source = "CAST(" + RevisionOperations.quote(column) + " AS " + type.sqlite() + ")";
					}
					target.type = type.sqlite();
				}
				if (nullable != null) {
					target.notNull = !nullable;
				}
				if (dropDefault) {
					target.defaultValue = null;
				}
				if (newDefault != null) {
					target.defaultValue = newDefault.sqlite();
				}
			}
		});
		return this;
	}

	public BatchAlterTable createUniqueConstraint(String name, String... columns) {
		this.steps.add(new Step() {
			public void postgresql(RevisionOperations op, String table) throws SQLException {
				op.execute("ALTER TABLE " + RevisionOperations.quote(table) + " ADD CONSTRAINT "
						+ RevisionOperations.quote(name) + " UNIQUE (" + String.join(", ", quoted(columns)) + ")");
			}

			public void sqlite(SqliteTableShape shape) {
				shape.uniques.add(new SqliteTableShape.Constraint(name, List.of(columns)));
			}
		});
		return this;
	}

	public BatchAlterTable createPrimaryKey(String name, String... columns) {
		this.steps.add(new Step() {
			public void postgresql(RevisionOperations op, String table) throws SQLException {
				op.execute("ALTER TABLE " + RevisionOperations.quote(table) + " ADD CONSTRAINT "
						+ RevisionOperations.quote(name) + " PRIMARY KEY (" + String.join(", ", quoted(columns)) + ")");
			}

			public void sqlite(SqliteTableShape shape) {
				shape.primaryKey = new SqliteTableShape.Constraint(name, List.of(columns));
			}
		});
		return this;
	}

	/** Drop a named primary key or unique constraint. */
	public BatchAlterTable dropConstraint(String name) {
		this.steps.add(new Step() {
			public void postgresql(RevisionOperations op, String table) throws SQLException {
				op.execute("ALTER TABLE " + RevisionOperations.quote(table) + " DROP CONSTRAINT "
						+ RevisionOperations.quote(name));
			}

			public void sqlite(SqliteTableShape shape) {
				if (shape.primaryKey != null && name.equals(shape.primaryKey.name())) {
					shape.primaryKey = null;
				}
				shape.uniques.removeIf((unique) -> name.equals(unique.name()));
			}
		});
		return this;
	}

	/** Drop the unnamed primary key a SQLite rebuild would otherwise keep. */
	public BatchAlterTable dropSqlitePrimaryKey() {
		this.steps.add(new Step() {
			public void postgresql(RevisionOperations op, String table) {
			}

			public void sqlite(SqliteTableShape shape) {
				shape.primaryKey = null;
			}
		});
		return this;
	}

	/**
	 * Add a named foreign key ({@code create_foreign_key}).
	 * @param name the constraint name
	 * @param column the referencing column
	 * @param table the referenced table
	 * @param referenced the referenced column
	 * @param onDelete the ON DELETE action, e.g. {@code CASCADE}
	 * @return this batch
	 */
	public BatchAlterTable createForeignKey(String name, String column, String table, String referenced, String onDelete) {
		String clause = "FOREIGN KEY(" + RevisionOperations.quote(column) + ") REFERENCES " + RevisionOperations.quote(table)
				+ " (" + RevisionOperations.quote(referenced) + ") ON DELETE " + onDelete;
		this.steps.add(new Step() {
			public void postgresql(RevisionOperations op, String owner) throws SQLException {
				op.execute("ALTER TABLE " + RevisionOperations.quote(owner) + " ADD CONSTRAINT " + RevisionOperations.quote(name)
						+ " " + clause);
			}

			public void sqlite(SqliteTableShape shape) {
				shape.foreignKeys.add("CONSTRAINT " + RevisionOperations.quote(name) + " " + clause);
			}
		});
		return this;
	}

	/** Drop a named foreign key. */
	public BatchAlterTable dropForeignKey(String name) {
		this.steps.add(new Step() {
			public void postgresql(RevisionOperations op, String owner) throws SQLException {
				op.execute("ALTER TABLE " + RevisionOperations.quote(owner) + " DROP CONSTRAINT " + RevisionOperations.quote(name));
			}

			public void sqlite(SqliteTableShape shape) {
				shape.foreignKeys.removeIf((key) -> key.startsWith("CONSTRAINT " + RevisionOperations.quote(name) + " "));
			}
		});
		return this;
	}

	public BatchAlterTable dropIndex(String name) {
		this.steps.add(new Step() {
			public void postgresql(RevisionOperations op, String table) throws SQLException {
				op.dropIndex(name);
			}

			public void sqlite(SqliteTableShape shape) {
				shape.indexes.remove(name);
			}
		});
		return this;
	}

	/**
	 * Make the changes: one SQLite rebuild, or the {@code ALTER TABLE}s on PostgreSQL.
	 * @param op the operations of the migration's connection
	 * @throws SQLException on a database error
	 */
	public void apply(RevisionOperations op) throws SQLException {
		if (op.isSqlite()) {
			SqliteTableShape shape = SqliteTableShape.reflect(op.connection(), this.table);
			applyTo(shape);
			shape.dropIndexesOnMissingColumns();
			shape.rebuild(op.connection());
		}
		else {
			for (Step step : this.steps) {
				step.postgresql(op, this.table);
			}
		}
	}

	/** Make the changes to a SQLite table's shape, to be rebuilt by the caller. */
	void applyTo(SqliteTableShape shape) {
		for (Step step : this.steps) {
			step.sqlite(shape);
		}
	}

	private static List<String> quoted(String... columns) {
		return List.of(columns).stream().map(RevisionOperations::quote).toList();
	}

}
