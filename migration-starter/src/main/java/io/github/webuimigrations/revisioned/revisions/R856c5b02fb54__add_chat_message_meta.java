package io.github.webuimigrations.revisioned.revisions;

import java.sql.SQLException;

import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.RevisionOperations;

import static io.github.webuimigrations.revisioned.op.ColumnType.JSON;

/**
 * {@code 856c5b02fb54_add_chat_message_meta}: {@code chat_message.meta}. Upstream adds it
 * unguarded, so a re-run fails with "duplicate column"; we check first, like its neighbours.
 */
public class R856c5b02fb54__add_chat_message_meta extends Revision {

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (!op.hasColumn("chat_message", "meta")) {
			op.addColumn("chat_message", Column.of("meta", JSON));
		}
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		op.dropColumn("chat_message", "meta");
	}

}
