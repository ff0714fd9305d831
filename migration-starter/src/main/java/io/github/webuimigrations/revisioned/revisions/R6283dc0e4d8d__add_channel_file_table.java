package io.github.webuimigrations.revisioned.revisions;

import java.sql.SQLException;

import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.RevisionOperations;
import io.github.webuimigrations.revisioned.op.TableDefinition;

import static io.github.webuimigrations.revisioned.op.ColumnType.BIG_INTEGER;
import static io.github.webuimigrations.revisioned.op.ColumnType.TEXT;

/**
 * {@code 6283dc0e4d8d_add_channel_file_table}: the {@code channel_file} table and its indexes,
 * if missing.
 */
public class R6283dc0e4d8d__add_channel_file_table extends Revision {

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (op.hasTable("channel_file")) {
			return;
		}
		op.createTable(TableDefinition.named("channel_file")
			.column("id", TEXT)
			.column(Column.of("user_id", TEXT).notNull())
			.column(Column.of("channel_id", TEXT).notNull())
			.column(Column.of("file_id", TEXT).notNull())
			.column(Column.of("created_at", BIG_INTEGER).notNull())
			.column(Column.of("updated_at", BIG_INTEGER).notNull())
			.primaryKey("id")
			.foreignKey("FOREIGN KEY(channel_id) REFERENCES channel (id) ON DELETE CASCADE")
			.foreignKey("FOREIGN KEY(file_id) REFERENCES file (id) ON DELETE CASCADE")
			.uniqueNamed("uq_channel_file_channel_file", "channel_id", "file_id"));
		op.createIndex("ix_channel_file_channel_id", "channel_file", false, "channel_id");
		op.createIndex("ix_channel_file_file_id", "channel_file", false, "file_id");
		op.createIndex("ix_channel_file_user_id", "channel_file", false, "user_id");
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		op.dropTable("channel_file");
	}

}
