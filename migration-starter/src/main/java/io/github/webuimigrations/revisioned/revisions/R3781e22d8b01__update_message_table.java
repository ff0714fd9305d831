package io.github.webuimigrations.revisioned.revisions;

import java.sql.SQLException;

import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.RevisionOperations;
import io.github.webuimigrations.revisioned.op.TableDefinition;

import static io.github.webuimigrations.revisioned.op.ColumnType.BIG_INTEGER;
import static io.github.webuimigrations.revisioned.op.ColumnType.TEXT;

/**
 * {@code 3781e22d8b01_update_message_table}: {@code channel.type}, {@code message.parent_id},
 * and the {@code message_reaction} and {@code channel_member} tables, each if missing.
 */
public class R3781e22d8b01__update_message_table extends Revision {

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (!op.hasColumn("channel", "type")) {
			op.addColumn("channel", Column.of("type", TEXT));
		}
		if (!op.hasColumn("message", "parent_id")) {
			op.addColumn("message", Column.of("parent_id", TEXT));
		}
		if (!op.hasTable("message_reaction")) {
			op.createTable(TableDefinition.named("message_reaction")
				.column(Column.of("id", TEXT).notNull())
				.column(Column.of("user_id", TEXT).notNull())
				.column(Column.of("message_id", TEXT).notNull())
				.column(Column.of("name", TEXT).notNull())
				.column("created_at", BIG_INTEGER)
				.primaryKey("id")
				.unique("id"));
		}
		if (!op.hasTable("channel_member")) {
			op.createTable(TableDefinition.named("channel_member")
				.column(Column.of("id", TEXT).notNull())
				.column(Column.of("channel_id", TEXT).notNull())
				.column(Column.of("user_id", TEXT).notNull())
				.column("created_at", BIG_INTEGER)
				.primaryKey("id")
				.unique("id"));
		}
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		op.dropColumn("channel", "type");
		op.dropColumn("message", "parent_id");
		op.dropTable("message_reaction");
		op.dropTable("channel_member");
	}

}
