package io.github.webuimigrations.revisioned.revisions;

import java.sql.SQLException;

import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.RevisionOperations;

import static io.github.webuimigrations.revisioned.op.ColumnType.BOOLEAN;

/**
 * {@code e1f2a3b4c5d6_add_is_pinned_to_note}: {@code note.is_pinned}, if missing (replaced by
 * the {@code pinned_note} table in 4de81c2a3af1).
 */
public class Re1f2a3b4c5d6__add_is_pinned_to_note extends Revision {

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (!op.hasColumn("note", "is_pinned")) {
			op.addColumn("note", Column.of("is_pinned", BOOLEAN));
		}
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		op.dropColumn("note", "is_pinned");
	}

}
