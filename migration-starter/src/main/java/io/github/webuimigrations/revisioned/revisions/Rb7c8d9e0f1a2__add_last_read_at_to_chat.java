package io.github.webuimigrations.revisioned.revisions;

import java.sql.SQLException;

import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.RevisionOperations;

import static io.github.webuimigrations.revisioned.op.ColumnType.BIG_INTEGER;

/**
 * {@code b7c8d9e0f1a2_add_last_read_at_to_chat}: {@code chat.last_read_at}, if missing, set to
 * {@code updated_at} (existing chats count as read).
 */
public class Rb7c8d9e0f1a2__add_last_read_at_to_chat extends Revision {

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (!op.hasColumn("chat", "last_read_at")) {
			op.addColumn("chat", Column.of("last_read_at", BIG_INTEGER));
			op.chatRewrite().copy("last_read_at", "updated_at");
		}
	}

	@Override
	public ChatRewriteRole chatRewriteRole(RevisionOperations op) {
		return ChatRewriteRole.MEMBER;
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		op.dropColumn("chat", "last_read_at");
	}

}
