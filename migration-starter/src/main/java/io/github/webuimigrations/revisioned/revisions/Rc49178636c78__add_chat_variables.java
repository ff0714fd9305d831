package io.github.webuimigrations.revisioned.revisions;

import java.sql.SQLException;

import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.RevisionOperations;

import static io.github.webuimigrations.revisioned.op.ColumnType.JSON;

/**
 * {@code c49178636c78_add_chat_variables}: {@code chat.variables}, if missing.
 */
public class Rc49178636c78__add_chat_variables extends Revision {

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (!op.hasColumn("chat", "variables")) {
			op.addColumn("chat", Column.of("variables", JSON));
		}
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		op.dropColumn("chat", "variables");
	}

}
