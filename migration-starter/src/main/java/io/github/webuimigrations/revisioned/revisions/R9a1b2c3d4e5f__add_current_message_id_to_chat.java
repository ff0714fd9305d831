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

import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.ChatRewrite;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.RevisionOperations;
import io.github.webuimigrations.revisioned.op.RewrittenChat;

import static io.github.webuimigrations.revisioned.op.ColumnType.TEXT;

/**
 * {@code 9a1b2c3d4e5f_add_current_message_id_to_chat}: {@code chat.current_message_id}, filled
 * for every chat with upstream's choice: the first of its candidate ids (the current value,
 * {@code history.currentId}, {@code currentId}, {@code branchPointMessageId}) that exists as a
 * message, else the latest leaf message; {@code chat_message} first, the chat JSON second.
 */
public class R9a1b2c3d4e5f__add_current_message_id_to_chat extends Revision {

	/** A message reduced to what the choice needs. */
	private record Message(String parentId, double createdAt) {
	}

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (!op.hasColumn("chat", "current_message_id")) {
			op.addColumn("chat", Column.of("current_message_id", TEXT));
		}
		ChatRewrite rewrite = op.chatRewrite();
		// each chat's messages: those a pass shared with 8452d01d26d7 extracts, else the table's
		rewrite.readRowsOf("chat_message", "chat_id", "id", "parent_id", "created_at");
		List<String> tied = Collections.synchronizedList(new ArrayList<>());
		rewrite.everyChat(List.of("chat", "current_message_id"), List.of(Column.of("current_message_id", TEXT)),
				(chat) -> {
					String chatId = chat.id();
					Map<?, ?> json = (chat.parsedChat() instanceof Map<?, ?> map) ? map : Map.of();
					String current = (String) chat.get("current_message_id");
					List<String> candidates = candidates(chatId, current, json);
					Map<String, Message> messages = new LinkedHashMap<>();
					for (RewrittenChat.Row row : chat.rows("chat_message")) {
						messages.put(unprefixed(chatId, (String) row.get("id")),
								new Message(unprefixed(chatId, (String) row.get("parent_id")), seconds(row.get("created_at"))));
					}
					String chosen = candidates.stream().filter(messages::containsKey).findFirst().orElse(null);
					if (chosen == null && !messages.isEmpty()) {
						if (latestLeafIsTied(messages)) {
							// the table's order decides between messages created at once: chosen from it below
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
		rewrite.afterwards((after) -> {
			try (PreparedStatement messages = after.connection()
				.prepareStatement("SELECT id, parent_id, created_at FROM chat_message WHERE chat_id = ? ORDER BY id");
					PreparedStatement update = after.connection()
						.prepareStatement("UPDATE chat SET current_message_id = ? WHERE id = ?")) {
				for (String chatId : tied) {
					update.setString(1, latestLeaf(tableMessages(messages, chatId)));
					update.setString(2, chatId);
					update.executeUpdate();
				}
			}
		});
	}

	@Override
	public ChatRewriteRole chatRewriteRole(RevisionOperations op) {
		return ChatRewriteRole.MEMBER;
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
				messages.put(unprefixed(chatId, rows.getString(1)),
						new Message(unprefixed(chatId, rows.getString(2)), seconds(rows.getObject(3))));
			}
		}
		return messages;
	}

	/** A message id of the table without the chat id before it, as upstream reads them. */
	private static String unprefixed(String chatId, String id) {
		return (id != null && id.startsWith(chatId + "-")) ? id.substring(chatId.length() + 1) : id;
	}

	/** {@code created_at or 0}. */
	private static double seconds(Object createdAt) {
		return (createdAt instanceof Number number) ? number.doubleValue() : 0;
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
