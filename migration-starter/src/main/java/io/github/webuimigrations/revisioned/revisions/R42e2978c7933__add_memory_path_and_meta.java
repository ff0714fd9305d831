package io.github.webuimigrations.revisioned.revisions;

import java.sql.SQLException;

import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.RevisionOperations;

import static io.github.webuimigrations.revisioned.op.ColumnType.JSON;
import static io.github.webuimigrations.revisioned.op.ColumnType.TEXT;

/**
 * {@code 42e2978c7933_add_memory_path_and_meta}: {@code memory.path} and {@code memory.meta},
 * each if missing.
 */
public class R42e2978c7933__add_memory_path_and_meta extends Revision {

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (!op.hasColumn("memory", "path")) {
			op.addColumn("memory", Column.of("path", TEXT));
		}
		if (!op.hasColumn("memory", "meta")) {
			op.addColumn("memory", Column.of("meta", JSON));
		}
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		if (op.hasColumn("memory", "meta")) {
			op.dropColumn("memory", "meta");
		}
		if (op.hasColumn("memory", "path")) {
			op.dropColumn("memory", "path");
		}
	}

}
