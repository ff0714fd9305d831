package io.github.webuimigrations.revisioned.revisions;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.KeysetScan;
import io.github.webuimigrations.revisioned.op.RevisionOperations;
import io.github.webuimigrations.revisioned.op.TableDefinition;

import static io.github.webuimigrations.revisioned.op.ColumnType.BIG_INTEGER;
import static io.github.webuimigrations.revisioned.op.ColumnType.JSON;
import static io.github.webuimigrations.revisioned.op.ColumnType.TEXT;

/**
 * {@code c1d2e3f4a5b6_add_shared_chat_table}: shared snapshots move from extra {@code chat}
 * rows ({@code user_id = "shared-<chat id>"}) into {@code shared_chat}, each with a public read
 * grant on the original chat; the extra rows go. Upstream also deletes the snapshots whose
 * original chat no longer exists; we leave those rows where they are (docs/deviations.md).
 */
public class Rc1d2e3f4a5b6__add_shared_chat_table extends Revision {

	private static final Log logger = LogFactory.getLog(Rc1d2e3f4a5b6__add_shared_chat_table.class);

	private static final String SHARED = "user_id LIKE 'shared-%'";

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (!op.hasTable("shared_chat")) {
			op.createTable(TableDefinition.named("shared_chat")
				.column("id", TEXT)
				.column(Column.of("chat_id", TEXT).notNull())
				.column(Column.of("user_id", TEXT).notNull())
				.column("title", TEXT)
				.column("chat", JSON)
				.column("created_at", BIG_INTEGER)
				.column("updated_at", BIG_INTEGER)
				.primaryKey("id")
				.foreignKey("FOREIGN KEY(chat_id) REFERENCES chat (id) ON DELETE CASCADE"));
		}
		long now = System.currentTimeMillis() / 1000;
		String json = op.jsonPlaceholder();
		try (PreparedStatement original = op.connection().prepareStatement("SELECT user_id FROM chat WHERE id = ?");
				PreparedStatement share = op.connection().prepareStatement("INSERT INTO shared_chat (id, chat_id, user_id, "
						+ "title, chat, created_at, updated_at) VALUES (?, ?, ?, ?, " + json + ", ?, ?) ON CONFLICT DO NOTHING");
				PreparedStatement grant = op.connection().prepareStatement("INSERT INTO access_grant (id, resource_type, "
						+ "resource_id, principal_type, principal_id, permission, created_at) VALUES (?, 'shared_chat', ?, "
						+ "'user', '*', 'read', ?) ON CONFLICT DO NOTHING");
				PreparedStatement deleteMessages = op.connection().prepareStatement("DELETE FROM chat_message WHERE chat_id = ?");
				PreparedStatement deleteChat = op.connection().prepareStatement("DELETE FROM chat WHERE id = ?")) {
			boolean messages = op.hasTable("chat_message");
			// in a one-pass chat rewrite that converts chat text later, the text is still in old_chat
			boolean textLater = op.hasColumn("chat", "old_chat");
			boolean sqlite = op.isSqlite();
			KeysetScan.forEachPage(op, "chat", "id",
					List.of("user_id", "title", textLater ? "old_chat" : "chat", "created_at", "updated_at"),
					SHARED, (rows) -> {
						for (Object[] row : rows) {
							String chatId = ((String) row[1]).substring("shared-".length());
							original.setString(1, chatId);
							String owner;
							try (ResultSet found = original.executeQuery()) {
								owner = found.next() ? found.getString(1) : null;
							}
							if (owner == null) {
								logger.warn("Shared chat " + row[0] + " belongs to chat " + chatId
										+ ", which no longer exists: left in the chat table (open-webui deletes it)");
								continue;
							}
							share.setObject(1, row[0]);
							share.setString(2, chatId);
							share.setString(3, owner);
							share.setObject(4, row[2]);
							share.setString(5, textLater ? R242a2047eae0__update_chat_table.convert((String) row[3], sqlite)
									: (row[3] != null) ? row[3].toString() : null);
							share.setObject(6, row[4]);
							share.setObject(7, row[5]);
							share.executeUpdate();
							grant.setString(1, UUID.randomUUID().toString());
							grant.setString(2, chatId);
							grant.setLong(3, (row[4] instanceof Number number) ? number.longValue() : now);
							grant.executeUpdate();
							if (messages) {
								deleteMessages.setObject(1, row[0]);
								deleteMessages.executeUpdate();
							}
							deleteChat.setObject(1, row[0]);
							deleteChat.executeUpdate();
						}
					});
		}
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		String json = op.jsonPlaceholder();
		try (PreparedStatement chat = op.connection().prepareStatement("INSERT INTO chat (id, user_id, title, chat, "
				+ "created_at, updated_at, archived, meta) VALUES (?, ?, ?, " + json + ", ?, ?, ?, " + json + ")")) {
			KeysetScan.forEachPage(op, "shared_chat", "id", List.of("chat_id", "title", "chat", "created_at", "updated_at"),
					(rows) -> {
						for (Object[] row : rows) {
							chat.setObject(1, row[0]);
							chat.setString(2, "shared-" + row[1]);
							chat.setObject(3, row[2]);
							chat.setString(4, (row[3] != null) ? row[3].toString() : null);
							chat.setObject(5, row[4]);
							chat.setObject(6, row[5]);
							chat.setBoolean(7, false);
							chat.setString(8, "{}");
							chat.addBatch();
						}
						chat.executeBatch();
					});
		}
		op.execute("DELETE FROM access_grant WHERE resource_type = 'shared_chat'");
		op.dropTable("shared_chat");
	}

}
