package io.github.webuimigrations.revisioned.revisions;

import java.sql.SQLException;

import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.RevisionOperations;

import static io.github.webuimigrations.revisioned.op.ColumnType.STRING;

/**
 * {@code 7b3f2a9c1d4e_add_memory_type}: {@code memory.type} (NOT NULL, default {@code context},
 * so existing memories become context memories) and index {@code ix_memory_type}, each if
 * missing.
 */
public class R7b3f2a9c1d4e__add_memory_type extends Revision {

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (!op.hasColumn("memory", "type")) {
			op.addColumn("memory",
					Column.of("type", STRING).notNull().withDefault(Column.ServerDefault.literal("context")));
		}
		if (!op.hasIndex("memory", "ix_memory_type")) {
			op.createIndex("ix_memory_type", "memory", false, "type");
		}
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		if (op.hasIndex("memory", "ix_memory_type")) {
			op.dropIndex("ix_memory_type");
		}
		if (op.hasColumn("memory", "type")) {
			op.dropColumn("memory", "type");
		}
	}

}
