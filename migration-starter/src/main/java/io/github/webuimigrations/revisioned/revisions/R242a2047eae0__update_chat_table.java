package io.github.webuimigrations.revisioned.revisions;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import io.github.webuimigrations.PreflightFindings;
import io.github.webuimigrations.json.PythonJson;
import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.KeysetScan;
import io.github.webuimigrations.revisioned.op.RevisionOperations;

import static io.github.webuimigrations.revisioned.op.ColumnType.JSON;
import static io.github.webuimigrations.revisioned.op.ColumnType.TEXT;

/**
 * {@code 242a2047eae0_update_chat_table}: {@code chat.chat} from TEXT to JSON. The text column
 * becomes {@code old_chat}, a JSON {@code chat} column is appended, every row is converted,
 * and {@code old_chat} is dropped. Upstream turns chat text that does not parse into JSON
 * {@code null}, losing the conversation; we keep it as {@code {"legacy_unparsed_chat": text}}
 * (docs/deviations.md).
 */
public class R242a2047eae0__update_chat_table extends Revision {

	/** Key under which the text of an unparsable chat is kept. */
	public static final String UNPARSED = "legacy_unparsed_chat";

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		List<RevisionOperations.ColumnInfo> columns = op.columns("chat");
		boolean chatIsText = columns.stream().anyMatch((column) -> column.name().equals("chat") && column.isText());
		if (chatIsText) {
			if (columns.stream().anyMatch((column) -> column.name().equals("old_chat"))) {
				op.dropColumn("chat", "old_chat");
			}
			op.renameColumn("chat", "chat", "old_chat");
			op.addColumn("chat", Column.of("chat", JSON));
		}
		if (!op.hasColumn("chat", "old_chat")) {
			return;
		}
		boolean sqlite = op.isSqlite();
		// most chats already hold Python's JSON text: the database copies those as they are
		op.chatRewrite().copy("chat", "old_chat");
		op.chatRewrite().everyChat(List.of("old_chat"), List.of(Column.of("chat", JSON)), (chat) -> {
			// the pass reads old_chat as its UTF-8 bytes
			Converted converted = converted((byte[]) chat.get("old_chat"), sqlite);
			if (converted.json() == null) {
				chat.keepChat(converted.value());
			}
			else {
				chat.setChat(converted.json(), converted.value());
			}
		});
		op.chatRewrite().dropColumn("old_chat");
	}

	@Override
	public ChatRewriteRole chatRewriteRole(RevisionOperations op) {
		return ChatRewriteRole.MEMBER;
	}

	@Override
	public void upstreamOnly(RevisionOperations op, PreflightFindings findings) throws SQLException {
		boolean chatIsText = op.hasTable("chat") && op.columns("chat")
			.stream()
			.anyMatch((column) -> column.name().equals("chat") && column.isText());
		if (!chatIsText) {
			return;
		}
		KeysetScan.forEachPage(op, "chat", "id", List.of("chat"), (rows) -> {
			for (Object[] row : rows) {
				String converted = convert((String) row[1], op.isSqlite());
				if (converted != null && converted.startsWith("{\"" + UNPARSED + "\"")) {
					boolean parses = isJson((String) row[1]);
					findings.upstreamOnly("chat", (String) row[0], parses
							? "chat text holds NaN or Infinity, which PostgreSQL's json type refuses; open-webui stops here, "
									+ "this starter keeps the text under " + UNPARSED
							: "chat text is not JSON; open-webui writes null over it, losing the chat, this starter keeps "
									+ "the text under " + UNPARSED);
				}
			}
		});
	}

	private static boolean isJson(String text) {
		try {
			PythonJson.parse(text);
			return true;
		}
		catch (PythonJson.InvalidJsonException ex) {
			return false;
		}
	}

	/**
	 * The JSON text upstream writes for a chat's text, keeping what upstream would lose.
	 * @param text the chat's text
	 * @param sqlite whether the database is SQLite
	 * @return the JSON text
	 */
	public static String convert(String text, boolean sqlite) {
		if (text == null) {
			return null;
		}
		String json = converted(text.getBytes(StandardCharsets.UTF_8), sqlite).json();
		// most chats were written by Python's json.dumps already: their text is the answer
		return (json != null) ? json : text;
	}

	/** The chat's value, and its JSON text unless the text is that already (or null). */
	private static Converted converted(byte[] utf8, boolean sqlite) {
		if (utf8 == null) {
			return new Converted(null, null);
		}
		PythonJson.Parsed parsed;
		try {
			parsed = PythonJson.parseNoting(utf8);
		}
		catch (PythonJson.InvalidJsonException ex) {
			return unparsed(new String(utf8, StandardCharsets.UTF_8));
		}
		if (!sqlite && !PythonJson.isFinite(parsed.value())) {
			// PostgreSQL's json type rejects NaN and Infinity, which Python writes: keep the chat as text
			return unparsed(new String(utf8, StandardCharsets.UTF_8));
		}
		return new Converted(parsed.canonical() ? null : PythonJson.dumps(parsed.value()), parsed.value());
	}

	private static Converted unparsed(String text) {
		Map<String, Object> kept = Map.of(UNPARSED, text);
		return new Converted(PythonJson.dumps(kept), kept);
	}

	/** A chat's JSON text and the value it holds. */
	private record Converted(String json, Object value) {
	}


	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		if (!op.hasColumn("chat", "old_chat")) {
			op.addColumn("chat", Column.of("old_chat", TEXT));
		}
		try (PreparedStatement update = op.connection().prepareStatement("UPDATE chat SET old_chat = ? WHERE id = ?")) {
			KeysetScan.forEachPage(op, "chat", "id", List.of("chat"), (rows) -> {
				for (Object[] row : rows) {
					Object chat = (row[1] != null) ? PythonJson.parse(row[1].toString()) : null;
					update.setString(1, (chat != null) ? PythonJson.dumps(chat) : null);
					update.setObject(2, row[0]);
					update.addBatch();
				}
				update.executeBatch();
			});
		}
		op.dropColumn("chat", "chat");
		op.renameColumn("chat", "old_chat", "chat");
		if (op.legacyMigrationsApplied() > 0) {
			// the legacy tier made chat.chat NOT NULL; upstream's downgrade forgets it, we restore it
			op.batch("chat", (batch) -> batch.alterColumn("chat", null, null, false, false));
		}
	}

}
