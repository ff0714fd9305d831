package io.github.webuimigrations.revisioned.revisions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import io.github.webuimigrations.json.PythonJson;
import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.ChatRewrite;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.Evidence;
import io.github.webuimigrations.revisioned.op.RevisionOperations;
import io.github.webuimigrations.revisioned.op.TableDefinition;

import static io.github.webuimigrations.revisioned.op.ColumnType.BIG_INTEGER;
import static io.github.webuimigrations.revisioned.op.ColumnType.BOOLEAN;
import static io.github.webuimigrations.revisioned.op.ColumnType.JSON;
import static io.github.webuimigrations.revisioned.op.ColumnType.TEXT;

/**
 * {@code 8452d01d26d7_add_chat_message_table}: unless {@code chat_message} exists, create it
 * with its indexes and backfill one row per message of every chat's history (shared snapshot
 * chats excluded), timestamps normalised to epoch seconds; of two messages with the same id the
 * first chat's is kept. Chats are read and messages written a page at a time, so memory stays
 * bounded whatever the database size (upstream: one transaction, an OOM kill on 75 GB, issues
 * #23134/#23273).
 * A chat whose JSON is not an object is skipped instead of stopping the upgrade.
 */
public class R8452d01d26d7__add_chat_message_table extends Revision {

	private static final String FOREIGN_KEY = "FOREIGN KEY(chat_id) REFERENCES chat (id) ON DELETE CASCADE";

	/** The columns the backfill fills, in the order of each row. */
	private static final Column[] COLUMNS = { Column.of("id", TEXT), Column.of("chat_id", TEXT),
			Column.of("user_id", TEXT), Column.of("role", TEXT), Column.of("parent_id", TEXT), Column.of("content", JSON),
			Column.of("output", JSON), Column.of("model_id", TEXT), Column.of("files", JSON), Column.of("sources", JSON),
			Column.of("embeds", JSON), Column.of("done", BOOLEAN), Column.of("status_history", JSON),
			Column.of("error", JSON), Column.of("usage", JSON), Column.of("created_at", BIG_INTEGER),
			Column.of("updated_at", BIG_INTEGER) };

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (op.hasTable("chat_message")) {
			return;
		}
		TableDefinition table = TableDefinition.named("chat_message")
			.column("id", TEXT)
			.column(Column.of("chat_id", TEXT).notNull())
			.column("user_id", TEXT)
			.column(Column.of("role", TEXT).notNull())
			.column("parent_id", TEXT)
			.column("content", JSON)
			.column("output", JSON)
			.column("model_id", TEXT)
			.column("files", JSON)
			.column("sources", JSON)
			.column("embeds", JSON)
			.column("done", BOOLEAN)
			.column("status_history", JSON)
			.column("error", JSON)
			.column("usage", JSON)
			.column("created_at", BIG_INTEGER)
			.column("updated_at", BIG_INTEGER);
		boolean sqlite = op.isSqlite();
		if (sqlite) {
			// SQLite cannot add keys later; the migration connection does not enforce the foreign key
			op.createTable(table.primaryKey("id").foreignKey(FOREIGN_KEY));
			backfill(op.chatRewrite(), "id", sqlite);
			// before the pass, unlike upstream: kept up to date while the helper thread parses the
			// next chats, instead of seven scans of the whole table afterwards; same indexes in the end
			createIndexes(op);
		}
		else {
			// PostgreSQL takes the messages with COPY into a bare table and builds the primary key,
			// indexes and foreign key afterwards: one sort or join each instead of index entries, a
			// uniqueness check, a trigger and a row lock on chat per message; same schema in the end
			op.createTable(table);
			backfill(op.chatRewrite(), null, sqlite);
			boolean repeatedIds = !chatIdsAllowIt(op);
			op.chatRewrite().afterwards((pass) -> addKeysAndIndexes(pass, repeatedIds));
		}
	}

	/**
	 * Every chat's messages go into chat_message in a pass over chat, shared with the other
	 * revisions of a one-pass group; alone where two chats could make the same message id
	 * ({@code a-b} + {@code c} and {@code a} + {@code b-c}): then which chat keeps it is decided
	 * by the table, and a pass could not tell later steps which messages it kept.
	 */
	@Override
	public ChatRewriteRole chatRewriteRole(RevisionOperations op) throws SQLException {
		if (!op.hasTable("chat") || op.hasTable("chat_message")) {
			return ChatRewriteRole.NONE;
		}
		return chatIdsAllowIt(op) ? ChatRewriteRole.MEMBER : ChatRewriteRole.ALONE;
	}

	private static void addKeysAndIndexes(RevisionOperations op, boolean repeatedIds) throws SQLException {
		if (repeatedIds) {
			keepFirstOfEachId(op);
		}
		op.execute("ALTER TABLE chat_message ADD CONSTRAINT chat_message_pkey PRIMARY KEY (id)");
		createIndexes(op);
		op.execute("ALTER TABLE chat_message ADD CONSTRAINT chat_message_chat_id_fkey " + FOREIGN_KEY);
	}

	/** The backfill as a step of a pass over chat: one row per message, from the chat JSON it parsed. */
	private static void backfill(ChatRewrite rewrite, String conflictKey, boolean sqlite) {
		long now = System.currentTimeMillis() / 1000;
		rewrite.insertInto("chat_message", conflictKey, COLUMNS);
		rewrite.everyChat(List.of("user_id", "chat"), List.of(), (chat) -> {
			String userId = (String) chat.get("user_id");
			if (userId == null || isShared(userId, sqlite)) {
				return;
			}
			List<Object[]> rows = new ArrayList<>();
			messages(rows, chat.id(), userId, chat.parsedChat(), now, sqlite);
			rows.forEach((row) -> chat.add("chat_message", row));
		});
	}

	/**
	 * Whether chat ids allow a shared pass: one chat's message ids ({@code <chat id>-<message id>})
	 * could only belong to another chat if one chat id were another's followed by {@code -}.
	 */
	private static boolean chatIdsAllowIt(RevisionOperations op) throws SQLException {
		// in byte order a prefix comes before the ids it begins, so a stack of the prefixes of the
		// current id finds every such pair in one streaming pass
		Deque<String> prefixes = new ArrayDeque<>();
		try (Statement select = op.connection().createStatement()) {
			select.setFetchSize(1000);
			try (ResultSet ids = select
				.executeQuery("SELECT id FROM chat ORDER BY id" + (op.isSqlite() ? "" : " COLLATE \"C\""))) {
				while (ids.next()) {
					String id = ids.getString(1);
					while (!prefixes.isEmpty() && !id.startsWith(prefixes.peek())) {
						prefixes.pop();
					}
					for (String prefix : prefixes) {
						if (id.startsWith(prefix + "-")) {
							return false;
						}
					}
					prefixes.push(id);
				}
			}
		}
		return true;
	}

	/**
	 * Upstream's guard skips the whole revision once {@code chat_message} exists: after a
	 * failed first run (a chat whose JSON is not an object) it stays empty for every chat. The
	 * trace only the failure leaves is that chat: a run that completed read every chat, and
	 * open-webui saves chats as objects. Without it, an empty {@code chat_message} beside chats
	 * with messages is reported, not backfilled, unless the repair is asked for.
	 */
	@Override
	public HalfApplied halfApplied(RevisionOperations op) throws SQLException {
		if (!op.hasTable("chat_message") || !op.hasTable("chat") || !op.strings("SELECT 1 FROM chat_message LIMIT 1").isEmpty()) {
			return null;
		}
		String text = op.isSqlite() ? "chat" : "CAST(chat AS TEXT)";
		List<String> withMessages = op.strings("SELECT id FROM chat WHERE NOT (user_id LIKE 'shared-%') AND " + text
				+ " LIKE '%\"history\"%' ORDER BY id");
		if (withMessages.isEmpty()) {
			return null;
		}
		List<String> notObjects = op.strings("SELECT id FROM chat WHERE NOT (user_id LIKE 'shared-%') AND "
				+ (op.isSqlite() ? "json_valid(chat) AND json_type(chat) NOT IN ('object', 'null')"
						: "json_typeof(chat) NOT IN ('object', 'null')")
				+ " ORDER BY id");
		return new HalfApplied("chat_message is empty although the " + Evidence.some(withMessages, "chat")
				+ " have messages", notObjects.isEmpty() ? null : Evidence.some(notObjects, "chat")
						+ " whose JSON is not an object (open-webui's backfill stopped there)",
				"backfills chat_message from every chat's history");
	}

	@Override
	public void completeHalfApplied(RevisionOperations op, boolean asked) throws SQLException {
		backfill(op.chatRewrite(), "id", op.isSqlite());
	}

	/**
	 * Two chats can make the same message id ({@code a-b} + {@code c} and {@code a} + {@code b-c}):
	 * keep the one of the chat read first, as inserting with {@code ON CONFLICT DO NOTHING} does.
	 */
	private static void keepFirstOfEachId(RevisionOperations op) throws SQLException {
		List<String> repeated = op.strings("SELECT id FROM chat_message GROUP BY id HAVING count(*) > 1 LIMIT 1");
		if (!repeated.isEmpty()) {
			op.execute("DELETE FROM chat_message AS later USING chat_message AS earlier "
					+ "WHERE later.id = earlier.id AND later.chat_id > earlier.chat_id");
		}
	}

	private static void createIndexes(RevisionOperations op) throws SQLException {
		op.createIndex("ix_chat_message_chat_id", "chat_message", false, "chat_id");
		op.createIndex("ix_chat_message_user_id", "chat_message", false, "user_id");
		op.createIndex("ix_chat_message_model_id", "chat_message", false, "model_id");
		op.createIndex("ix_chat_message_created_at", "chat_message", false, "created_at");
		op.createIndex("chat_message_chat_parent_idx", "chat_message", false, "chat_id", "parent_id");
		op.createIndex("chat_message_model_created_idx", "chat_message", false, "model_id", "created_at");
		op.createIndex("chat_message_user_created_idx", "chat_message", false, "user_id", "created_at");
	}

	/** {@code user_id LIKE 'shared-%'}, where SQLite's LIKE ignores the case of ASCII letters. */
	private static boolean isShared(String userId, boolean sqlite) {
		if (!sqlite) {
			return userId.startsWith("shared-");
		}
		String prefix = "shared-";
		if (userId.length() < prefix.length()) {
			return false;
		}
		for (int i = 0; i < prefix.length(); i++) {
			char c = userId.charAt(i);
			if (c != prefix.charAt(i) && !(c < 128 && Character.toLowerCase(c) == prefix.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	/** The chat_message rows of a chat: one per message with a role, in the order of its history. */
	private static void messages(List<Object[]> rows, String chatId, String userId, Object parsed, long now,
			boolean sqlite) {
		if (!(parsed instanceof Map<?, ?> document) || !(document.get("history") instanceof Map<?, ?> history)
				|| !(history.get("messages") instanceof Map<?, ?> messages)) {
			return;
		}
		for (Map.Entry<?, ?> entry : messages.entrySet()) {
			if (!(entry.getValue() instanceof Map<?, ?> message) || !truthy(message.get("role"))) {
				continue;
			}
			long timestamp = timestamp(message.containsKey("timestamp") ? message.get("timestamp") : now, now);
			Object done = message.containsKey("done") ? message.get("done") : Boolean.TRUE;
			rows.add(new Object[] { chatId + "-" + entry.getKey(), chatId, userId, String.valueOf(message.get("role")),
					text(message.get("parentId")), json(message.get("content"), sqlite), json(message.get("output"), sqlite),
					text(message.get("model")), json(message.get("files"), sqlite), json(message.get("sources"), sqlite),
					json(message.get("embeds"), sqlite), (done != null) ? truthy(done) : null,
					json(message.get("statusHistory"), sqlite), json(message.get("error"), sqlite),
					json(message.get("usage"), sqlite), timestamp, timestamp });
		}
	}

	/** Upstream's rule: seconds; milliseconds divided; before 2020 or more than a day ahead means now. */
	static long timestamp(Object value, long now) {
		long seconds;
		try {
			double number = (value instanceof Number n) ? n.doubleValue()
					: (value instanceof Boolean b) ? (b ? 1 : 0) : Double.parseDouble(String.valueOf(value).strip());
			if (Double.isNaN(number) || Double.isInfinite(number)) {
				return now;
			}
			seconds = (long) number;
		}
		catch (NumberFormatException ex) {
			return now;
		}
		if (seconds > 10_000_000_000L) {
			seconds = Math.floorDiv(seconds, 1000);
		}
		return (seconds < 1_577_836_800L || seconds > now + 86_400) ? now : seconds;
	}

	/** Python truthiness of a JSON value. */
	private static boolean truthy(Object value) {
		if (value == null || Boolean.FALSE.equals(value)) {
			return false;
		}
		if (value instanceof String text) {
			return !text.isEmpty();
		}
		if (value instanceof Number number) {
			return number.doubleValue() != 0;
		}
		if (value instanceof Map<?, ?> map) {
			return !map.isEmpty();
		}
		if (value instanceof List<?> list) {
			return !list.isEmpty();
		}
		return true;
	}

	private static String text(Object value) {
		return (value != null) ? String.valueOf(value) : null;
	}

	/** JSON as SQLAlchemy writes it (None is JSON null); PostgreSQL's json refuses NaN, so it becomes null there. */
	private static String json(Object value, boolean sqlite) {
		return PythonJson.dumps((sqlite || PythonJson.isFinite(value)) ? value : PythonJson.withoutNonFinite(value));
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		op.dropIndex("chat_message_chat_parent_idx");
		op.dropIndex("chat_message_model_created_idx");
		op.dropIndex("chat_message_user_created_idx");
		op.dropTable("chat_message");
	}

}
