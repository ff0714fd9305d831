package io.github.webuimigrations.revisioned.op;

import java.sql.SQLException;
import java.util.List;

/**
 * A SQLite rebuild whose rows the caller copies in itself: the table is reflected, the
 * {@code batch_alter_table} changes are made to its shape, the new table is created under its
 * temporary name, filled by the caller, then put in the old one's place with its indexes.
 *
 * @author webui-migrations
 */
public final class SqliteRebuild {

	private final RevisionOperations op;

	private final SqliteTableShape shape;

	private SqliteRebuild(RevisionOperations op, SqliteTableShape shape) {
		this.op = op;
		this.shape = shape;
	}

	/**
	 * Plan the rebuild of a table.
	 * @param op the operations of the migration's connection
	 * @param table the table
	 * @param batches the changes to make, in order
	 * @return the rebuild
	 * @throws SQLException on a database error
	 */
	public static SqliteRebuild of(RevisionOperations op, String table, List<BatchAlterTable> batches)
			throws SQLException {
		SqliteTableShape shape = SqliteTableShape.reflect(op.connection(), table);
		for (BatchAlterTable batch : batches) {
			batch.applyTo(shape);
		}
		shape.dropIndexesOnMissingColumns();
		return new SqliteRebuild(op, shape);
	}

	/**
	 * The columns of the rebuilt table that the old one has, in order (new ones get their
	 * default).
	 * @return their names
	 */
	public List<String> copiedColumns() {
		return this.shape.columns.stream().filter((column) -> column.source != null).map((column) -> column.name).toList();
	}

	/**
	 * Create the empty new table.
	 * @return its temporary name, quoted
	 * @throws SQLException on a database error
	 */
	public String createTemporary() throws SQLException {
		return RevisionOperations.quote(this.shape.createTemporary(this.op.connection()));
	}

	/**
	 * Put the filled new table in place of the old one, with the indexes that remain.
	 * @throws SQLException on a database error
	 */
	public void replace() throws SQLException {
		this.shape.replaceWithTemporary(this.op.connection());
	}

}
