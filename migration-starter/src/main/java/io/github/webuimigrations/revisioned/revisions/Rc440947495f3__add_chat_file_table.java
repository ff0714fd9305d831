package io.github.webuimigrations.revisioned.revisions;

import java.sql.SQLException;

import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.RevisionOperations;
import io.github.webuimigrations.revisioned.op.TableDefinition;

import static io.github.webuimigrations.revisioned.op.ColumnType.BIG_INTEGER;
import static io.github.webuimigrations.revisioned.op.ColumnType.TEXT;

/**
 * {@code c440947495f3_add_chat_file_table}: the {@code chat_file} table and its indexes, if
 * missing (no backfill).
 */
public class Rc440947495f3__add_chat_file_table extends Revision {

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (op.hasTable("chat_file")) {
			return;
		}
		op.createTable(TableDefinition.named("chat_file")
			.column("id", TEXT)
			.column(Column.of("user_id", TEXT).notNull())
			.column(Column.of("chat_id", TEXT).notNull())
			.column(Column.of("file_id", TEXT).notNull())
			.column("message_id", TEXT)
			.column(Column.of("created_at", BIG_INTEGER).notNull())
			.column(Column.of("updated_at", BIG_INTEGER).notNull())
			.primaryKey("id")
			.foreignKey("FOREIGN KEY(chat_id) REFERENCES chat (id) ON DELETE CASCADE")
			.foreignKey("FOREIGN KEY(file_id) REFERENCES file (id) ON DELETE CASCADE")
			.uniqueNamed("uq_chat_file_chat_file", "chat_id", "file_id"));
		op.createIndex("ix_chat_file_chat_id", "chat_file", false, "chat_id");
		op.createIndex("ix_chat_file_file_id", "chat_file", false, "file_id");
		op.createIndex("ix_chat_file_message_id", "chat_file", false, "message_id");
		op.createIndex("ix_chat_file_user_id", "chat_file", false, "user_id");
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		op.dropTable("chat_file");
	}

}
