package io.github.webuimigrations.revisioned;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.webuimigrations.json.PythonJson;

/**
 * One chat in the pass: its columns as read, as the steps set them, and the rows they add
 * elsewhere. Its parsed {@code chat} JSON is kept so that each step does not parse it again.
 *
 * @author webui-migrations
 */
public final class RewrittenChat {

	private static final Object UNPARSED = new Object();

	private final Map<String, Object> values;

	private final Map<String, List<Object[]>> added = new HashMap<>();

	private Object parsed = UNPARSED;

	private final Set<String> set = new HashSet<>();

	RewrittenChat(Map<String, Object> values) {
		this.values = values;
	}

	public String id() {
		return (String) this.values.get("id");
	}

	/**
	 * A column's value: as set by an earlier step, else as read.
	 * @param column the column
	 * @return the value
	 */
	public Object get(String column) {
		return this.values.get(column);
	}

	/**
	 * Set a column.
	 * @param column the column
	 * @param value its new value
	 */
	public void set(String column, Object value) {
		this.values.put(column, value);
		this.set.add(column);
		if (column.equals("chat")) {
			this.parsed = UNPARSED;
		}
	}

	/** Forget the parsed JSON once the steps are done: a page of parsed chats is several times its text. */
	void release() {
		this.parsed = null;
	}

	boolean isSet(String column) {
		return this.set.contains(column);
	}

	/**
	 * Set the {@code chat} column with the value its text parses to.
	 * @param json the JSON text
	 * @param value what it parses to
	 */
	public void setChat(String json, Object value) {
		set("chat", json);
		this.parsed = value;
	}

	/**
	 * Give the steps that follow the value of the {@code chat} column without setting it
	 * (it is {@link ChatRewrite#copy copied} as it is).
	 * @param value the value it holds
	 */
	public void keepChat(Object value) {
		this.parsed = value;
	}

	/**
	 * The {@code chat} column parsed.
	 * @return the value, or {@code null} if the column is null or not JSON
	 */
	public Object parsedChat() {
		if (this.parsed == UNPARSED) {
			Object chat = this.values.get("chat");
			try {
				this.parsed = (chat instanceof byte[] utf8) ? PythonJson.parse(utf8)
						: (chat != null) ? PythonJson.parse(chat.toString()) : null;
			}
			catch (PythonJson.InvalidJsonException ex) {
				this.parsed = null;
			}
		}
		return this.parsed;
	}

	/**
	 * Add a row to another table (one {@link ChatRewrite#insertInto registered} for the pass).
	 * @param table the table
	 * @param row the row's values in the registered column order
	 */
	public void add(String table, Object[] row) {
		this.added.computeIfAbsent(table, (key) -> new ArrayList<>()).add(row);
	}

	/**
	 * The rows added to a table for this chat.
	 * @param table the table
	 * @return the rows, in the order added
	 */
	public List<Object[]> added(String table) {
		return this.added.getOrDefault(table, List.of());
	}

}
