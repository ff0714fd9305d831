package io.github.webuimigrations.revisioned.revisions;

import java.sql.SQLException;

import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.RevisionOperations;

import static io.github.webuimigrations.revisioned.op.ColumnType.JSON;

/**
 * {@code d31026856c01_update_folder_table_data}: {@code folder.data}, if missing.
 */
public class Rd31026856c01__update_folder_table_data extends Revision {

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (!op.hasColumn("folder", "data")) {
			op.addColumn("folder", Column.of("data", JSON));
		}
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		op.dropColumn("folder", "data");
	}

}
