package io.github.webuimigrations.revisioned.revisions;

import java.sql.SQLException;

import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.RevisionOperations;

import static io.github.webuimigrations.revisioned.op.ColumnType.JSON;
import static io.github.webuimigrations.revisioned.op.ColumnType.TEXT;

/**
 * {@code a3dd5bedd151_add_tasks_and_summary_to_chat}: {@code chat.tasks} and
 * {@code chat.summary}, each if missing.
 */
public class Ra3dd5bedd151__add_tasks_and_summary_to_chat extends Revision {

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (!op.hasColumn("chat", "tasks")) {
			op.addColumn("chat", Column.of("tasks", JSON));
		}
		if (!op.hasColumn("chat", "summary")) {
			op.addColumn("chat", Column.of("summary", TEXT));
		}
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		op.dropColumn("chat", "summary");
		op.dropColumn("chat", "tasks");
	}

}
