package io.github.webuimigrations.revisioned.op;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.webuimigrations.json.PythonJson;

/**
 * One chat in a {@link ChatRewrite} pass: its columns as read, as the steps set them, the rows
 * they add elsewhere, and the rows of other tables they read. Its parsed {@code chat} JSON is
 * kept so that each step does not parse it again. Made by the engine, one per chat and page.
 *
 * @author webui-migrations
 */
public final class RewrittenChat {

	private static final Object UNPARSED = new Object();

	private final Map<String, Object> values;

	private final Map<String, List<Object[]>> added = new HashMap<>();

	private final Map<String, List<Row>> rows = new HashMap<>();

	/** The column positions of the rows added to each table. */
	private final Map<String, Map<String, Integer>> addedColumns;

	private final Set<String> set = new HashSet<>();

	private Object parsed = UNPARSED;

	/**
	 * A chat as read.
	 * @param values its columns by name, {@code id} among them
	 * @param addedColumns the column positions of the rows steps may add, by table
	 */
	public RewrittenChat(Map<String, Object> values, Map<String, Map<String, Integer>> addedColumns) {
		this.values = values;
		this.addedColumns = addedColumns;
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

	/**
	 * Whether a step set this column.
	 * @param column the column
	 * @return whether it was set
	 */
	public boolean isSet(String column) {
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

	/**
	 * This chat's rows of a table the steps read ({@link ChatRewrite#readRowsOf}).
	 * @param table the table
	 * @return the rows: those a step added in this pass, else the table's own in its key order
	 */
	public List<Row> rows(String table) {
		List<Row> read = this.rows.get(table);
		if (read != null) {
			return read;
		}
		Map<String, Integer> columns = this.addedColumns.get(table);
		return (columns != null) ? added(table).stream().map((row) -> new Row(row, columns)).toList() : List.of();
	}

	/**
	 * For the engine: give the steps this chat's rows of a table.
	 * @param table the table
	 * @param rows the rows
	 */
	public void withRows(String table, List<Row> rows) {
		this.rows.put(table, rows);
	}

	/**
	 * For the engine, once the steps are done: keep only what is written. A page of parsed
	 * chats is several times its text.
	 * @param written the columns the pass writes
	 */
	public void release(Set<String> written) {
		this.parsed = null;
		this.rows.clear();
		String id = id();
		this.values.keySet().retainAll(written);
		this.values.put("id", id);
	}

	/**
	 * A row of another table, its columns by name.
	 *
	 * @param values the values in column order
	 * @param columns the position of each column
	 */
	public record Row(Object[] values, Map<String, Integer> columns) {

		/**
		 * A column's value.
		 * @param column the column
		 * @return its value
		 */
		public Object get(String column) {
			Integer index = this.columns.get(column);
			if (index == null) {
				throw new IllegalArgumentException("No column " + column + " in " + this.columns.keySet());
			}
			return this.values[index];
		}

	}

}
