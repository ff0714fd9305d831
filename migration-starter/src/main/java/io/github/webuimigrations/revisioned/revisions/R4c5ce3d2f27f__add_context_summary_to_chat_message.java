package io.github.webuimigrations.revisioned.revisions;

import java.sql.SQLException;

import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.RevisionOperations;

import static io.github.webuimigrations.revisioned.op.ColumnType.TEXT;

/**
 * {@code 4c5ce3d2f27f_add_context_summary_to_chat_message}: {@code chat_message.context_summary}, if missing.
 */
public class R4c5ce3d2f27f__add_context_summary_to_chat_message extends Revision {

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (!op.hasColumn("chat_message", "context_summary")) {
			op.addColumn("chat_message", Column.of("context_summary", TEXT));
		}
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		op.dropColumn("chat_message", "context_summary");
	}

}
