package io.github.webuimigrations.revisioned.revisions;

import java.sql.SQLException;
import java.util.List;

import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.RevisionOperations;
import io.github.webuimigrations.revisioned.op.TableDefinition;

import static io.github.webuimigrations.revisioned.op.ColumnType.BIG_INTEGER;
import static io.github.webuimigrations.revisioned.op.ColumnType.BOOLEAN;
import static io.github.webuimigrations.revisioned.op.ColumnType.TEXT;

/**
 * {@code 90ef40d4714e_update_channel_and_channel_members_table}: archive/delete columns on
 * {@code channel}, role and invitation on {@code channel_member}, and the
 * {@code channel_webhook} table, each if missing.
 */
public class R90ef40d4714e__update_channel_and_channel_members_table extends Revision {

	private static final List<Column> CHANNEL = List.of(Column.of("is_private", BOOLEAN), Column.of("archived_at", BIG_INTEGER),
			Column.of("archived_by", TEXT), Column.of("deleted_at", BIG_INTEGER), Column.of("deleted_by", TEXT),
			Column.of("updated_by", TEXT));

	private static final List<Column> MEMBER = List.of(Column.of("role", TEXT), Column.of("invited_by", TEXT),
			Column.of("invited_at", BIG_INTEGER));

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		for (Column column : CHANNEL) {
			if (!op.hasColumn("channel", column.name())) {
				op.addColumn("channel", column);
			}
		}
		for (Column column : MEMBER) {
			if (!op.hasColumn("channel_member", column.name())) {
				op.addColumn("channel_member", column);
			}
		}
		if (!op.hasTable("channel_webhook")) {
			op.createTable(TableDefinition.named("channel_webhook")
				.column(Column.of("id", TEXT).notNull())
				.column(Column.of("user_id", TEXT).notNull())
				.column(Column.of("channel_id", TEXT).notNull())
				.column(Column.of("name", TEXT).notNull())
				.column("profile_image_url", TEXT)
				.column(Column.of("token", TEXT).notNull())
				.column("last_used_at", BIG_INTEGER)
				.column(Column.of("created_at", BIG_INTEGER).notNull())
				.column(Column.of("updated_at", BIG_INTEGER).notNull())
				.primaryKey("id")
				.unique("id")
				.foreignKey("FOREIGN KEY(channel_id) REFERENCES channel (id) ON DELETE CASCADE"));
		}
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		for (Column column : CHANNEL) {
			op.dropColumn("channel", column.name());
		}
		for (Column column : MEMBER) {
			op.dropColumn("channel_member", column.name());
		}
		op.dropTable("channel_webhook");
	}

}
