package io.github.webuimigrations.revisioned.revisions;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.github.webuimigrations.json.PythonJson;
import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.KeysetScan;
import io.github.webuimigrations.revisioned.op.RevisionOperations;
import io.github.webuimigrations.revisioned.op.RowWriter;

import static io.github.webuimigrations.revisioned.op.ColumnType.BOOLEAN;
import static io.github.webuimigrations.revisioned.op.ColumnType.JSON;
import static io.github.webuimigrations.revisioned.op.ColumnType.TEXT;

/**
 * {@code 1af9b942657b_migrate_tags}: tag ids normalised ({@code "Work Stuff"} becomes
 * {@code work_stuff}), {@code tag.meta} replaces {@code tag.data}, and each chat's tags move
 * from {@code chatidtag} into {@code chat.meta.tags} ({@code pinned} into {@code chat.pinned}).
 * Upstream deletes a tag whose id is already normalised, one of two users' tags that normalise
 * alike, and what {@code tag.data} held; we keep all three (the second tag is renamed once the
 * primary key includes the user, in 3ab32c4b8f59; docs/deviations.md). Upstream's downgrade does nothing; ours
 * restores the schema (the tags stay in {@code chatidtag}, so upgrading again rebuilds them).
 */
public class R1af9b942657b__migrate_tags extends Revision {

	private static final String PAGE_INDEX = "_webui_tmp_chatidtag_page";

	private static final String CHAT_TAGS = "_webui_tmp_chat_tags";

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		op.execute("DROP TABLE IF EXISTS _alembic_tmp_tag");
		if (op.hasTable("tag")) {
			boolean hasUnique = op.uniqueConstraintNames("tag").contains("uq_id_user_id");
			boolean hasData = op.hasColumn("tag", "data");
			if (!op.hasColumn("tag", "meta")) {
				op.addColumn("tag", Column.of("meta", JSON));
			}
			if (hasData) {
				// upstream drops tag.data with what it held (a tag's colour, say); we carry it into meta
				moveDataIntoMeta(op);
			}
			op.batch("tag", (batch) -> {
				if (!hasUnique) {
					batch.createUniqueConstraint("uq_id_user_id", "id", "user_id");
				}
				if (hasData) {
					batch.dropColumn("data");
				}
			});
			normaliseTagIds(op, true);
		}
		if (!op.hasColumn("chat", "pinned")) {
			op.addColumn("chat", Column.of("pinned", BOOLEAN));
		}
		if (!op.hasColumn("chat", "meta")) {
			op.addColumn("chat", Column.of("meta", JSON).notNull().withDefault(Column.ServerDefault.literal("{}")));
		}
		if (op.hasTable("chatidtag")) {
			moveChatTags(op);
		}
	}

	/**
	 * Each tagged chat's meta and pinned wait in a temporary table and are written with the rest
	 * of the chat by the pass over chat (in a one-pass group, no chat is written twice).
	 */
	private static RowWriter chatTagWriter(RevisionOperations op) throws SQLException {
		op.execute("CREATE TEMPORARY TABLE " + CHAT_TAGS + " (" + Column.of("id", TEXT).ddl(op.dialect(), false)
				+ " PRIMARY KEY, " + Column.of("meta", JSON).ddl(op.dialect(), false) + ", "
				+ Column.of("pinned", BOOLEAN).ddl(op.dialect(), false) + ")");
		op.chatRewrite().fillFrom(CHAT_TAGS, "meta", "pinned");
		op.chatRewrite().afterwards((after) -> after.execute("DROP TABLE " + CHAT_TAGS));
		return RowWriter.insert(op, CHAT_TAGS, null, Column.of("id", TEXT), Column.of("meta", JSON),
				Column.of("pinned", BOOLEAN));
	}

	private static void moveDataIntoMeta(RevisionOperations op) throws SQLException {
		String sameUser = op.isSqlite() ? "user_id IS ?" : "user_id IS NOT DISTINCT FROM ?";
		try (PreparedStatement update = op.connection()
			.prepareStatement("UPDATE tag SET meta = " + op.jsonPlaceholder() + " WHERE id = ? AND " + sameUser)) {
			KeysetScan.forEachPage(op, "tag", "id", List.of("user_id", "data"), (rows) -> {
				for (Object[] row : rows) {
					String data = (String) row[2];
					if (data == null) {
						continue;
					}
					Object meta;
					try {
						meta = PythonJson.parse(data);
					}
					catch (PythonJson.InvalidJsonException ex) {
						meta = null;
					}
					if (!(meta instanceof Map)) {
						meta = Map.of("legacy_data", data);
					}
					update.setString(1, PythonJson.dumps(meta));
					update.setObject(2, row[0]);
					update.setObject(3, row[1]);
					update.addBatch();
				}
				update.executeBatch();
			});
		}
	}

	static String normalise(String name) {
		return name.replace(" ", "_").toLowerCase(Locale.ROOT);
	}

	/**
	 * Give tags their normalised ids.
	 * @param op the operations
	 * @param idAlone whether the id alone must be unique (before 3ab32c4b8f59's primary key on id and user)
	 * @throws SQLException on a database error
	 */
	static void normaliseTagIds(RevisionOperations op, boolean idAlone) throws SQLException {
		// user_id may be NULL on databases init created: compare it NULL-safely
		String sameUser = op.isSqlite() ? "user_id IS ?" : "user_id IS NOT DISTINCT FROM ?";
		try (PreparedStatement owners = op.connection().prepareStatement("SELECT user_id FROM tag WHERE id = ?");
				PreparedStatement delete = op.connection()
					.prepareStatement("DELETE FROM tag WHERE id = ? AND " + sameUser);
				PreparedStatement rename = op.connection()
					.prepareStatement("UPDATE tag SET id = ? WHERE id = ? AND " + sameUser)) {
			// renamed ids may come round again in the scan: normalising is idempotent, so they are kept
			KeysetScan.forEachPage(op, "tag", "id", List.of("name", "user_id"), (rows) -> {
				for (Object[] row : rows) {
					String id = (String) row[0];
					String userId = (String) row[2];
					String normalised = normalise((row[1] != null) ? (String) row[1] : id);
					if (normalised.equals("pinned")) {
						// becomes chat.pinned
						delete.setString(1, id);
						delete.setString(2, userId);
						delete.executeUpdate();
						continue;
					}
					if (normalised.equals(id)) {
						continue;
					}
					List<String> holders = new ArrayList<>();
					owners.setString(1, normalised);
					try (ResultSet result = owners.executeQuery()) {
						while (result.next()) {
							holders.add(result.getString(1));
						}
					}
					if (holders.contains(userId)) {
						// the same user's tag under its normalised id already exists: merge
						delete.setString(1, id);
						delete.setString(2, userId);
						delete.executeUpdate();
					}
					else if (holders.isEmpty() || !idAlone) {
						rename.setString(1, normalised);
						rename.setString(2, id);
						rename.setString(3, userId);
						rename.executeUpdate();
					}
					// else another user holds that id and ids are still unique: keep this one as it is
				}
			});
		}
	}

	/**
	 * Stream chatidtag grouped by chat and write each chat's tags into chat.meta. The pages
	 * follow a temporary (chat_id, id) index, dropped again in the same transaction: without it
	 * each page sorts the whole table, and the revision grows with the square of its rows.
	 */
	private static void moveChatTags(RevisionOperations op) throws SQLException {
		op.execute("CREATE INDEX " + PAGE_INDEX + " ON chatidtag (chat_id, id)");
		String select = "SELECT chat_id, tag_name, id FROM chatidtag";
		String order = " ORDER BY chat_id, id LIMIT " + op.pageSize();
		try (PreparedStatement first = op.connection().prepareStatement(select + order);
				PreparedStatement next = op.connection().prepareStatement(select + " WHERE (chat_id, id) > (?, ?)" + order);
				RowWriter update = chatTagWriter(op)) {
			String chat = null;
			Set<String> tags = new LinkedHashSet<>();
			boolean pinned = false;
			String lastChat = null;
			String lastId = null;
			while (true) {
				PreparedStatement page = (lastChat == null) ? first : next;
				if (lastChat != null) {
					page.setString(1, lastChat);
					page.setString(2, lastId);
				}
				int rows = 0;
				try (ResultSet result = page.executeQuery()) {
					while (result.next()) {
						rows++;
						lastChat = result.getString(1);
						lastId = result.getString(3);
						if (!lastChat.equals(chat)) {
							if (chat != null) {
								addUpdate(update, chat, tags, pinned);
							}
							chat = lastChat;
							tags = new LinkedHashSet<>();
							pinned = false;
						}
						String tag = normalise(result.getString(2));
						if (tag.equals("pinned")) {
							pinned = true;
						}
						else {
							tags.add(tag);
						}
					}
				}
				// the chats finished in this page; the last one may go on in the next
				update.flush();
				if (rows < op.pageSize()) {
					break;
				}
			}
			if (chat != null) {
				addUpdate(update, chat, tags, pinned);
			}
			update.flush();
		}
		op.dropIndex(PAGE_INDEX);
	}

	private static void addUpdate(RowWriter update, String chat, Set<String> tags, boolean pinned)
			throws SQLException {
		Map<String, Object> meta = new LinkedHashMap<>();
		if (!tags.isEmpty()) {
			// upstream's order comes from a Python set, so is arbitrary: sorted is as good and repeatable
			meta.put("tags", tags.stream().sorted().toList());
		}
		update.row(chat, PythonJson.dumps(meta), pinned);
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		op.dropColumn("chat", "meta");
		op.dropColumn("chat", "pinned");
		op.batch("tag",
				(batch) -> batch.dropConstraint("uq_id_user_id").dropColumn("meta").addColumn(Column.of("data", TEXT)));
	}

}
