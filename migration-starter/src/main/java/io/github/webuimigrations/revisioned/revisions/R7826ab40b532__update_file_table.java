package io.github.webuimigrations.revisioned.revisions;

import java.sql.SQLException;

import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.RevisionOperations;

import static io.github.webuimigrations.revisioned.op.ColumnType.JSON;

/**
 * {@code 7826ab40b532_update_file_table}: {@code file.access_control}, if missing.
 */
public class R7826ab40b532__update_file_table extends Revision {

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (!op.hasColumn("file", "access_control")) {
			op.addColumn("file", Column.of("access_control", JSON));
		}
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		op.dropColumn("file", "access_control");
	}

}
