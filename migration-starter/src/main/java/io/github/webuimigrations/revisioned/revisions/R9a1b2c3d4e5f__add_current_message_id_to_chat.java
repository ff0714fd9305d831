package io.github.webuimigrations.revisioned.revisions;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.webuimigrations.json.PythonJson;
import io.github.webuimigrations.revisioned.ChatRewrite;
import io.github.webuimigrations.revisioned.Column;
import io.github.webuimigrations.revisioned.KeysetScan;
import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.RevisionOperations;
import io.github.webuimigrations.revisioned.RowWriter;

import static io.github.webuimigrations.revisioned.ColumnType.TEXT;

/**
 * {@code 9a1b2c3d4e5f_add_current_message_id_to_chat}: {@code chat.current_message_id}, filled
 * for every chat with upstream's choice: the first of its candidate ids (the current value,
 * {@code history.currentId}, {@code currentId}, {@code branchPointMessageId}) that exists as a
 * message, else the latest leaf message; {@code chat_message} first, the chat JSON second.
 */
public class R9a1b2c3d4e5f__add_current_message_id_to_chat extends Revision {

	/** A chat's row and its candidate message ids, in upstream's order. */
	private record Chat(Object[] row, List<String> candidates) {
	}

	/** A message reduced to what the choice needs. */
	private record Message(String parentId, double createdAt) {
	}

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (!op.hasColumn("chat", "current_message_id")) {
			op.addColumn("chat", Column.of("current_message_id", TEXT));
		}
		if (op.chatRewrite() != null) {
			chooseInRewrite(op.chatRewrite());
			return;
		}
		boolean hasChatMessage = op.hasTable("chat_message");
		try (PreparedStatement messages = op.connection()
			.prepareStatement("SELECT id, parent_id, created_at FROM chat_message WHERE chat_id = ? ORDER BY id");
				RowWriter update = RowWriter.update(op, "chat", Column.of("id", TEXT),
						Column.of("current_message_id", TEXT))) {
			KeysetScan.forEachPage(op, "chat", "id", List.of("chat", "current_message_id"), null, (rows) -> {
				List<Chat> chats = new ArrayList<>(rows.size());
				rows.forEach((row) -> chats.add(
						new Chat(row, candidates((String) row[0], (String) row[2], parse(row[1])))));
				return chats;
			}, (chats) -> {
				Set<String> messageIds = new LinkedHashSet<>();
				chats.forEach((chat) -> chat.candidates().forEach((id) -> messageIds.add(chat.row()[0] + "-" + id)));
				// one lookup per page, not one per candidate of each chat
				Set<String> existing = hasChatMessage ? existingMessages(op, messageIds) : Set.of();
				for (Chat chat : chats) {
					Object[] row = chat.row();
					String chatId = (String) row[0];
					String chosen = null;
					if (hasChatMessage) {
						chosen = chat.candidates()
							.stream()
							.filter((id) -> existing.contains(chatId + "-" + id))
							.findFirst()
							.orElse(null);
						if (chosen == null) {
							chosen = latestLeaf(tableMessages(messages, chatId));
						}
					}
					if (chosen == null) {
						// rare: parsed again rather than a page of parsed chats kept in memory
						Map<String, Message> json = jsonMessages(parse(row[1]));
						chosen = chat.candidates().stream().filter(json::containsKey).findFirst().orElse(latestLeaf(json));
					}
					if (chosen != null && !chosen.equals(row[2])) {
						update.row(chatId, chosen);
					}
				}
				update.flush();
			});
		}
	}

	/**
	 * The choice as a step of the one-pass chat rewrite, from the chat_message rows the pass
	 * extracts for the same chat (8452d01d26d7 is in the group): they are the rows the table would
	 * hold for it. Where the latest leaf is a tie, the table's order decides, as above: those chats
	 * are chosen again from the table once it is complete.
	 */
	private static void chooseInRewrite(ChatRewrite rewrite) {
		List<String> tied = Collections.synchronizedList(new ArrayList<>());
		rewrite.everyChat(List.of("chat", "current_message_id"), List.of(Column.of("current_message_id", TEXT)),
				(chat) -> {
					String chatId = chat.id();
					Map<?, ?> json = (chat.parsedChat() instanceof Map<?, ?> map) ? map : Map.of();
					String current = (String) chat.get("current_message_id");
					List<String> candidates = candidates(chatId, current, json);
					Map<String, Message> messages = new LinkedHashMap<>();
					for (Object[] row : chat.added("chat_message")) {
						// the backfill's row: id, chat_id, user_id, role, parent_id, ..., created_at, updated_at
						String id = ((String) row[0]).substring(chatId.length() + 1);
						messages.put(id, new Message((String) row[4], ((Number) row[15]).doubleValue()));
					}
					String chosen = candidates.stream().filter(messages::containsKey).findFirst().orElse(null);
					if (chosen == null && !messages.isEmpty()) {
						if (latestLeafIsTied(messages)) {
							tied.add(chatId);
							return;
						}
						chosen = latestLeaf(messages);
					}
					if (chosen == null) {
						Map<String, Message> fromJson = jsonMessages(json);
						chosen = candidates.stream().filter(fromJson::containsKey).findFirst().orElse(latestLeaf(fromJson));
					}
					if (chosen != null && !chosen.equals(current)) {
						chat.set("current_message_id", chosen);
					}
				});
		rewrite.afterwards((op) -> {
			try (PreparedStatement messages = op.connection()
				.prepareStatement("SELECT id, parent_id, created_at FROM chat_message WHERE chat_id = ? ORDER BY id");
					PreparedStatement update = op.connection()
						.prepareStatement("UPDATE chat SET current_message_id = ? WHERE id = ?")) {
				for (String chatId : tied) {
					update.setString(1, latestLeaf(tableMessages(messages, chatId)));
					update.setString(2, chatId);
					update.executeUpdate();
				}
			}
		});
	}

	private static Set<String> existingMessages(RevisionOperations op, Set<String> ids) throws SQLException {
		if (ids.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(op.strings("SELECT id FROM chat_message WHERE id IN ("
				+ String.join(", ", Collections.nCopies(ids.size(), "?")) + ")", ids.toArray(String[]::new)));
	}

	private static Map<?, ?> parse(Object chat) {
		try {
			return (chat != null && PythonJson.parse(chat.toString()) instanceof Map<?, ?> map) ? map : Map.of();
		}
		catch (PythonJson.InvalidJsonException ex) {
			return Map.of();
		}
	}

	private static List<String> candidates(String chatId, String current, Map<?, ?> chat) {
		List<Object> raw = new ArrayList<>();
		raw.add(current);
		raw.add((chat.get("history") instanceof Map<?, ?> history) ? history.get("currentId") : null);
		raw.add(chat.get("currentId"));
		raw.add(chat.get("branchPointMessageId"));
		Set<String> ids = new LinkedHashSet<>();
		for (Object id : raw) {
			if (id instanceof String text && !text.isEmpty()) {
				ids.add(text.startsWith(chatId + "-") ? text.substring(chatId.length() + 1) : text);
			}
		}
		return new ArrayList<>(ids);
	}

	private static Map<String, Message> tableMessages(PreparedStatement select, String chatId) throws SQLException {
		Map<String, Message> messages = new LinkedHashMap<>();
		select.setString(1, chatId);
		try (ResultSet rows = select.executeQuery()) {
			while (rows.next()) {
				String id = rows.getString(1);
				id = id.startsWith(chatId + "-") ? id.substring(chatId.length() + 1) : id;
				messages.put(id, new Message(rows.getString(2), rows.getDouble(3)));
			}
		}
		return messages;
	}

	private static Map<String, Message> jsonMessages(Map<?, ?> chat) {
		Map<String, Message> messages = new LinkedHashMap<>();
		if (chat.get("history") instanceof Map<?, ?> history && history.get("messages") instanceof Map<?, ?> map) {
			map.forEach((id, message) -> {
				if (message instanceof Map<?, ?> fields) {
					messages.put(String.valueOf(id), message(fields));
				}
			});
		}
		else if (chat.get("messages") instanceof List<?> list) {
			for (Object message : list) {
				if (message instanceof Map<?, ?> fields && fields.get("id") != null) {
					messages.put(String.valueOf(fields.get("id")), message(fields));
				}
			}
		}
		return messages;
	}

	private static Message message(Map<?, ?> fields) {
		Object parent = fields.get("parentId");
		double createdAt = (fields.get("timestamp") instanceof Number number) ? number.doubleValue() : 0;
		return new Message((parent != null) ? String.valueOf(parent) : null, createdAt);
	}

	/** The leaf (no present message names it as parent) created last, first one on ties; else the last created. */
	private static String latestLeaf(Map<String, Message> messages) {
		if (messages.isEmpty()) {
			return null;
		}
		Set<String> parents = parents(messages);
		String best = latest(messages, (id) -> !parents.contains(id));
		return (best != null) ? best : latest(messages, (id) -> true);
	}

	/** Whether {@link #latestLeaf} picks among messages created at the same time, by their order. */
	private static boolean latestLeafIsTied(Map<String, Message> messages) {
		Set<String> parents = parents(messages);
		boolean anyLeaf = messages.keySet().stream().anyMatch((id) -> !parents.contains(id));
		double latest = Double.NEGATIVE_INFINITY;
		int atLatest = 0;
		for (Map.Entry<String, Message> entry : messages.entrySet()) {
			if (!anyLeaf || !parents.contains(entry.getKey())) {
				double time = entry.getValue().createdAt();
				if (time > latest) {
					latest = time;
					atLatest = 1;
				}
				else if (time == latest) {
					atLatest++;
				}
			}
		}
		return atLatest > 1;
	}

	/** The messages that a present message names as its parent. */
	private static Set<String> parents(Map<String, Message> messages) {
		Set<String> parents = new HashSet<>();
		messages.values().forEach((message) -> {
			if (message.parentId() != null && messages.containsKey(message.parentId())) {
				parents.add(message.parentId());
			}
		});
		return parents;
	}

	private static String latest(Map<String, Message> messages, java.util.function.Predicate<String> filter) {
		String best = null;
		double bestTime = Double.NEGATIVE_INFINITY;
		for (Map.Entry<String, Message> entry : messages.entrySet()) {
			if (filter.test(entry.getKey()) && (best == null || entry.getValue().createdAt() > bestTime)) {
				best = entry.getKey();
				bestTime = entry.getValue().createdAt();
			}
		}
		return best;
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		op.dropColumn("chat", "current_message_id");
	}

}
