package io.github.webuimigrations.revisioned.revisions;

import java.sql.SQLException;

import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.RevisionOperations;

import static io.github.webuimigrations.revisioned.op.ColumnType.JSON;

/**
 * {@code b0018471bbbe_add_user_variables}: {@code user.variables}, if missing.
 */
public class Rb0018471bbbe__add_user_variables extends Revision {

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (!op.hasColumn("user", "variables")) {
			op.addColumn("user", Column.of("variables", JSON));
		}
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		op.dropColumn("user", "variables");
	}

}
