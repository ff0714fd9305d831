package io.github.webuimigrations.revisioned.revisions;

import java.sql.SQLException;

import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.RevisionOperations;

import static io.github.webuimigrations.revisioned.op.ColumnType.TEXT;

/**
 * {@code 959eaac8f909_add_automation_folder_id}: {@code automation.folder_id} and index
 * {@code ix_automation_user_folder}, each if missing (upstream's offline SQL branch is not
 * needed: we always run online).
 */
public class R959eaac8f909__add_automation_folder_id extends Revision {

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (!op.hasColumn("automation", "folder_id")) {
			op.addColumn("automation", Column.of("folder_id", TEXT));
		}
		if (!op.hasIndex("automation", "ix_automation_user_folder")) {
			op.createIndex("ix_automation_user_folder", "automation", false, "user_id", "folder_id");
		}
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		if (op.hasIndex("automation", "ix_automation_user_folder")) {
			op.dropIndex("ix_automation_user_folder");
		}
		if (op.hasColumn("automation", "folder_id")) {
			op.dropColumn("automation", "folder_id");
		}
	}

}
