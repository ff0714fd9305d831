package io.github.webuimigrations.revisioned.revisions;

import java.sql.SQLException;

import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.RevisionOperations;

import static io.github.webuimigrations.revisioned.op.ColumnType.BIG_INTEGER;
import static io.github.webuimigrations.revisioned.op.ColumnType.JSON;
import static io.github.webuimigrations.revisioned.op.ColumnType.TEXT;

/**
 * {@code c0fbf31ca0db_update_file_table}: {@code file.hash}, {@code file.data} and
 * {@code file.updated_at}, each if missing.
 */
public class Rc0fbf31ca0db__update_file_table extends Revision {

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		for (Column column : new Column[] { Column.of("hash", TEXT), Column.of("data", JSON),
				Column.of("updated_at", BIG_INTEGER) }) {
			if (!op.hasColumn("file", column.name())) {
				op.addColumn("file", column);
			}
		}
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		op.dropColumn("file", "updated_at");
		op.dropColumn("file", "data");
		op.dropColumn("file", "hash");
	}

}
