package io.github.webuimigrations.revisioned.revisions;

import java.sql.SQLException;
import java.util.List;

import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.RevisionOperations;

import static io.github.webuimigrations.revisioned.op.Column.ServerDefault.FALSE;
import static io.github.webuimigrations.revisioned.op.Column.ServerDefault.TRUE;
import static io.github.webuimigrations.revisioned.op.ColumnType.BIG_INTEGER;
import static io.github.webuimigrations.revisioned.op.ColumnType.BOOLEAN;
import static io.github.webuimigrations.revisioned.op.ColumnType.JSON;
import static io.github.webuimigrations.revisioned.op.ColumnType.TEXT;

/**
 * {@code 2f1211949ecc_update_message_and_channel_member_table}: membership state on
 * {@code channel_member} and pinning on {@code message}, each column if missing. Upstream adds
 * {@code joined_at} as NOT NULL without a default, which fails as soon as a channel has a
 * member; we fill it from the member's {@code created_at} (or now) and then make it NOT NULL.
 * Upstream's downgrade leaves four of the columns behind; ours drops them all.
 */
public class R2f1211949ecc__update_message_and_channel_member_table extends Revision {

	private static final List<Column> MEMBER_COLUMNS = List.of(Column.of("status", TEXT),
			Column.of("is_active", BOOLEAN).notNull().withDefault(TRUE),
			Column.of("is_channel_muted", BOOLEAN).notNull().withDefault(FALSE),
			Column.of("is_channel_pinned", BOOLEAN).notNull().withDefault(FALSE), Column.of("data", JSON),
			Column.of("meta", JSON), Column.of("joined_at", BIG_INTEGER).notNull(), Column.of("left_at", BIG_INTEGER),
			Column.of("last_read_at", BIG_INTEGER), Column.of("updated_at", BIG_INTEGER));

	private static final List<Column> MESSAGE_COLUMNS = List.of(
			Column.of("is_pinned", BOOLEAN).notNull().withDefault(FALSE), Column.of("pinned_at", BIG_INTEGER),
			Column.of("pinned_by", TEXT));

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		for (Column column : MEMBER_COLUMNS) {
			if (op.hasColumn("channel_member", column.name())) {
				continue;
			}
			boolean hasMembers = !op.strings("SELECT id FROM channel_member LIMIT 1").isEmpty();
			if (column.name().equals("joined_at") && hasMembers) {
				op.addColumn("channel_member", Column.of("joined_at", BIG_INTEGER));
				op.execute("UPDATE channel_member SET joined_at = COALESCE(created_at, ?)", System.currentTimeMillis() / 1000);
				op.batch("channel_member", (batch) -> batch.alterColumn("joined_at", null, null, false, false));
			}
			else {
				op.addColumn("channel_member", column);
			}
		}
		for (Column column : MESSAGE_COLUMNS) {
			if (!op.hasColumn("message", column.name())) {
				op.addColumn("message", column);
			}
		}
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		for (int i = MEMBER_COLUMNS.size() - 1; i >= 0; i--) {
			op.dropColumn("channel_member", MEMBER_COLUMNS.get(i).name());
		}
		for (int i = MESSAGE_COLUMNS.size() - 1; i >= 0; i--) {
			op.dropColumn("message", MESSAGE_COLUMNS.get(i).name());
		}
	}

}
