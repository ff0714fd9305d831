package io.github.webuimigrations.revisioned.revisions;

import java.sql.SQLException;

import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.RevisionOperations;

import static io.github.webuimigrations.revisioned.op.ColumnType.TEXT;

/**
 * {@code a5c220713937_add_reply_to_id_column_to_message}: {@code message.reply_to_id}, if missing.
 */
public class Ra5c220713937__add_reply_to_id_column_to_message extends Revision {

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (!op.hasColumn("message", "reply_to_id")) {
			op.addColumn("message", Column.of("reply_to_id", TEXT));
		}
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		op.dropColumn("message", "reply_to_id");
	}

}
