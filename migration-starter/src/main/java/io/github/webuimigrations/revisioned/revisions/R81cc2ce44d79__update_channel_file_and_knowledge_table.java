package io.github.webuimigrations.revisioned.revisions;

import java.sql.SQLException;

import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.RevisionOperations;

import static io.github.webuimigrations.revisioned.op.ColumnType.JSON;
import static io.github.webuimigrations.revisioned.op.ColumnType.TEXT;

/**
 * {@code 81cc2ce44d79_update_channel_file_and_knowledge_table}: {@code channel_file.message_id}
 * with its foreign key {@code fk_channel_file_message_id}, and {@code knowledge.data} again
 * (empty), each if missing.
 */
public class R81cc2ce44d79__update_channel_file_and_knowledge_table extends Revision {

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (!op.hasColumn("channel_file", "message_id")) {
			op.batch("channel_file", (batch) -> batch.addColumn(Column.of("message_id", TEXT))
				.createForeignKey("fk_channel_file_message_id", "message_id", "message", "id", "CASCADE"));
		}
		if (!op.hasColumn("knowledge", "data")) {
			op.batch("knowledge", (batch) -> batch.addColumn(Column.of("data", JSON)));
		}
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		op.batch("channel_file",
				(batch) -> batch.dropForeignKey("fk_channel_file_message_id").dropColumn("message_id"));
		op.batch("knowledge", (batch) -> batch.dropColumn("data"));
	}

}
