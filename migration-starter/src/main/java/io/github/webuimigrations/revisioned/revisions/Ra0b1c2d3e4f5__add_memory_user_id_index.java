package io.github.webuimigrations.revisioned.revisions;

import java.sql.SQLException;

import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.RevisionOperations;

/**
 * {@code a0b1c2d3e4f5_add_memory_user_id_index}: index {@code ix_memory_user_id}, if missing.
 */
public class Ra0b1c2d3e4f5__add_memory_user_id_index extends Revision {

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (!op.hasIndex("memory", "ix_memory_user_id")) {
			op.createIndex("ix_memory_user_id", "memory", false, "user_id");
		}
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		op.dropIndex("ix_memory_user_id");
	}

}
