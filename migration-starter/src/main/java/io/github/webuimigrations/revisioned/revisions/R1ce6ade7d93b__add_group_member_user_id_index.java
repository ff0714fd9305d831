package io.github.webuimigrations.revisioned.revisions;

import java.sql.SQLException;

import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.RevisionOperations;

/**
 * {@code 1ce6ade7d93b_add_group_member_user_id_index}: index
 * {@code ix_group_member_user_id_group_id} on {@code group_member (user_id, group_id)}, if
 * missing. The downgrade drops it without a guard, as upstream's does.
 */
public class R1ce6ade7d93b__add_group_member_user_id_index extends Revision {

	private static final String INDEX = "ix_group_member_user_id_group_id";

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (!op.hasIndex("group_member", INDEX)) {
			op.createIndex(INDEX, "group_member", false, "user_id", "group_id");
		}
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		op.dropIndex(INDEX);
	}

}
