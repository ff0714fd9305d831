package io.github.webuimigrations.revisioned.chat;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.ColumnType;
import io.github.webuimigrations.revisioned.op.KeysetScan;
import io.github.webuimigrations.revisioned.op.RevisionOperations;
import io.github.webuimigrations.revisioned.op.RewrittenChat;
import io.github.webuimigrations.revisioned.op.RowWriter;

/**
 * The pages of a pass: for each page of chats, the rows of other tables its steps read, then,
 * once the steps ran, the values they computed in a temporary table (one row per chat: its id,
 * each written column and whether it was set) applied to {@code chat} by one statement, and
 * the rows they add to other tables.
 *
 * @author webui-migrations
 */
final class PassPages {

	/** The values the steps computed, one row per chat. */
	static final String VALUES = "_webui_chat_rewrite";

	private final RevisionOperations op;

	private final List<Column> writes;

	private final Collection<Inserts> inserts;

	private final List<RowsOf> toRead;

	private final String apply;

	private final boolean everyChat;

	/**
	 * The pages of a pass.
	 * @param op the operations of the group's connection
	 * @param writes the chat columns the steps set
	 * @param inserts the rows the steps add to other tables
	 * @param toRead the tables whose rows the steps read
	 * @param apply the statement writing a page's values into chat, or {@code null} when no chat
	 * column is written
	 * @param everyChat whether every chat goes into the values table, or only those a step changed
	 */
	PassPages(RevisionOperations op, Collection<Column> writes, Collection<Inserts> inserts, List<RowsOf> toRead,
			String apply, boolean everyChat) {
		this.op = op;
		this.writes = List.copyOf(writes);
		this.inserts = inserts;
		this.toRead = toRead;
		this.apply = apply;
		this.everyChat = everyChat;
	}

	void run(KeysetScan scan, Function<Page, List<RewrittenChat>> prepare) throws SQLException {
		List<Column> valueColumns = new ArrayList<>();
		valueColumns.add(Column.of("id", ColumnType.TEXT));
		List<String> ddl = new ArrayList<>();
		ddl.add("id " + (this.op.isSqlite() ? "TEXT" : "text") + " PRIMARY KEY");
		for (Column column : this.writes) {
			Column flag = Column.of(column.name() + "_set", ColumnType.INTEGER);
			valueColumns.add(column);
			valueColumns.add(flag);
			ddl.add(column.ddl(this.op.dialect(), false));
			ddl.add(flag.ddl(this.op.dialect(), false));
		}
		if (this.apply != null) {
			this.op.execute("CREATE TEMPORARY TABLE " + VALUES + " (" + String.join(", ", ddl) + ")");
		}
		boolean[] analyzed = { this.op.isSqlite() };
		try (RowWriter values = (this.apply != null)
				? RowWriter.insert(this.op, VALUES, null, valueColumns.toArray(Column[]::new)) : null;
				Writers writers = new Writers()) {
			scan.forEachPage(this::read, prepare, (chats) -> {
				if (values != null && writeValues(values, chats) > 0) {
					if (!analyzed[0]) {
						// so that the planner joins a page by the primary key instead of scanning chat
						this.op.execute("ANALYZE " + VALUES);
						analyzed[0] = true;
					}
					this.op.execute(this.apply);
					this.op.execute(this.op.isSqlite() ? "DELETE FROM " + VALUES : "TRUNCATE " + VALUES);
				}
				writers.write(chats);
			});
		}
		if (this.apply != null) {
			this.op.execute("DROP TABLE " + VALUES);
		}
	}

	private int writeValues(RowWriter values, List<RewrittenChat> chats) throws SQLException {
		int count = 0;
		for (RewrittenChat chat : chats) {
			Object[] row = new Object[1 + 2 * this.writes.size()];
			row[0] = chat.id();
			boolean any = false;
			for (int i = 0; i < this.writes.size(); i++) {
				String column = this.writes.get(i).name();
				boolean set = chat.isSet(column);
				row[1 + 2 * i] = set ? chat.get(column) : null;
				row[2 + 2 * i] = set ? 1 : 0;
				any |= set;
			}
			if (any || this.everyChat) {
				values.row(row);
				count++;
			}
		}
		values.flush();
		return count;
	}

	/** On the caller's thread: the rows of other tables the steps of this page read. */
	private Page read(List<Object[]> rows) throws SQLException {
		if (this.toRead.isEmpty() || rows.isEmpty()) {
			return new Page(rows, Map.of());
		}
		String[] ids = rows.stream().map((row) -> (String) row[0]).toArray(String[]::new);
		Map<String, Map<String, List<RewrittenChat.Row>>> byChat = new HashMap<>();
		for (RowsOf table : this.toRead) {
			Map<String, Integer> positions = new HashMap<>();
			for (int i = 0; i < table.columns().size(); i++) {
				positions.put(table.columns().get(i), i);
			}
			String chatColumn = RevisionOperations.quote(table.chatColumn());
			String sql = "SELECT " + chatColumn + ", "
					+ String.join(", ", table.columns().stream().map(RevisionOperations::quote).toList()) + " FROM "
					+ RevisionOperations.quote(table.table()) + " WHERE " + chatColumn + " IN ("
					+ String.join(", ", Collections.nCopies(ids.length, "?")) + ") ORDER BY " + chatColumn + ", id";
			try (PreparedStatement select = this.op.connection().prepareStatement(sql)) {
				for (int i = 0; i < ids.length; i++) {
					select.setString(i + 1, ids[i]);
				}
				try (ResultSet result = select.executeQuery()) {
					while (result.next()) {
						Object[] values = new Object[table.columns().size()];
						for (int i = 0; i < values.length; i++) {
							values[i] = result.getObject(i + 2);
						}
						byChat.computeIfAbsent(result.getString(1), (id) -> new LinkedHashMap<>())
							.computeIfAbsent(table.table(), (name) -> new ArrayList<>())
							.add(new RewrittenChat.Row(values, positions));
					}
				}
			}
		}
		// a chat without rows in a table it reads has none, not the rows of a chat before it
		for (String id : ids) {
			Map<String, List<RewrittenChat.Row>> tables = byChat.computeIfAbsent(id, (key) -> new LinkedHashMap<>());
			this.toRead.forEach((table) -> tables.putIfAbsent(table.table(), List.of()));
		}
		return new Page(rows, byChat);
	}

	/**
	 * A page of chats as read, with the rows of other tables their steps read.
	 *
	 * @param rows the chats' columns, id first
	 * @param byChat the rows of each table, by chat id
	 */
	record Page(List<Object[]> rows, Map<String, Map<String, List<RewrittenChat.Row>>> byChat) {

		Map<String, List<RewrittenChat.Row>> rowsOf(String chat) {
			return this.byChat.getOrDefault(chat, Map.of());
		}

	}

	/**
	 * Rows the steps add to a table.
	 *
	 * @param table the table
	 * @param conflictKey as {@link RowWriter#insert}
	 * @param columns the columns of each row
	 */
	record Inserts(String table, String conflictKey, List<Column> columns) {

		Map<String, Integer> positions() {
			Map<String, Integer> positions = new HashMap<>();
			for (int i = 0; i < this.columns.size(); i++) {
				positions.put(this.columns.get(i).name(), i);
			}
			return positions;
		}

	}

	/**
	 * A table whose rows the steps read, per chat.
	 *
	 * @param table the table
	 * @param chatColumn its column holding the chat id
	 * @param columns the columns read
	 */
	record RowsOf(String table, String chatColumn, List<String> columns) {
	}

	/** The writers of the rows the steps add to other tables. */
	private final class Writers implements AutoCloseable {

		private final Map<String, RowWriter> writers = new LinkedHashMap<>();

		Writers() throws SQLException {
			for (Inserts insert : PassPages.this.inserts) {
				this.writers.put(insert.table(), RowWriter.insert(PassPages.this.op, insert.table(), insert.conflictKey(),
						insert.columns().toArray(Column[]::new)));
			}
		}

		void write(List<RewrittenChat> chats) throws SQLException {
			for (Map.Entry<String, RowWriter> entry : this.writers.entrySet()) {
				for (RewrittenChat chat : chats) {
					for (Object[] row : chat.added(entry.getKey())) {
						entry.getValue().row(row);
					}
				}
				entry.getValue().flush();
			}
		}

		@Override
		public void close() throws SQLException {
			for (RowWriter writer : this.writers.values()) {
				writer.close();
			}
		}

	}

}
