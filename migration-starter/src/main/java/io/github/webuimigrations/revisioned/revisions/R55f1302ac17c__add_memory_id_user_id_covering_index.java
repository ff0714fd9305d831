package io.github.webuimigrations.revisioned.revisions;

import java.sql.SQLException;

import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.RevisionOperations;

/**
 * {@code 55f1302ac17c_add_memory_id_user_id_covering_index}: index {@code ix_memory_id_user_id},
 * if missing.
 */
public class R55f1302ac17c__add_memory_id_user_id_covering_index extends Revision {

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (!op.hasIndex("memory", "ix_memory_id_user_id")) {
			op.createIndex("ix_memory_id_user_id", "memory", false, "id", "user_id");
		}
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		if (op.hasIndex("memory", "ix_memory_id_user_id")) {
			op.dropIndex("ix_memory_id_user_id");
		}
	}

}
