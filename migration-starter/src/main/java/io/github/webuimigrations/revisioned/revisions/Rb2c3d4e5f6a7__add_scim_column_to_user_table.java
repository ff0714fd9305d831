package io.github.webuimigrations.revisioned.revisions;

import java.sql.SQLException;

import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.RevisionOperations;

import static io.github.webuimigrations.revisioned.op.ColumnType.JSON;

/**
 * {@code b2c3d4e5f6a7_add_scim_column_to_user_table}: {@code user.scim}, if missing.
 */
public class Rb2c3d4e5f6a7__add_scim_column_to_user_table extends Revision {

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (!op.hasColumn("user", "scim")) {
			op.addColumn("user", Column.of("scim", JSON));
		}
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		op.dropColumn("user", "scim");
	}

}
