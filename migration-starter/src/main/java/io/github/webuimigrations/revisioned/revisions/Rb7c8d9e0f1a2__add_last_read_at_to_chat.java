package io.github.webuimigrations.revisioned.revisions;

import java.sql.SQLException;

import io.github.webuimigrations.revisioned.Column;
import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.RevisionOperations;

import static io.github.webuimigrations.revisioned.ColumnType.BIG_INTEGER;

/**
 * {@code b7c8d9e0f1a2_add_last_read_at_to_chat}: {@code chat.last_read_at}, if missing, set to
 * {@code updated_at} (existing chats count as read).
 */
public class Rb7c8d9e0f1a2__add_last_read_at_to_chat extends Revision {

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (!op.hasColumn("chat", "last_read_at")) {
			op.addColumn("chat", Column.of("last_read_at", BIG_INTEGER));
			if (op.chatRewrite() != null) {
				op.chatRewrite().copy("last_read_at", "updated_at");
			}
			else {
				op.execute("UPDATE chat SET last_read_at = updated_at");
			}
		}
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		op.dropColumn("chat", "last_read_at");
	}

}
