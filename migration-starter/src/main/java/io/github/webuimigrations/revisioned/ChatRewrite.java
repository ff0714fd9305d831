package io.github.webuimigrations.revisioned;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;


/**
 * One rewrite of the {@code chat} table for every revision of a run that would rewrite each
 * chat in turn ({@link #REWRITES}). Inside such a group those revisions make their schema
 * changes as they run and leave their per-chat work here as {@link Step steps}; after the
 * group's last revision every chat is read once, the steps compute its columns in chain order,
 * and the chat is written once: into a rebuilt table on SQLite (so each page is written once
 * and a deferred {@code batch_alter_table} of {@code chat} costs nothing more), by one
 * {@code UPDATE} on PostgreSQL. The group runs as one transaction. The rows are those the
 * revisions give one after another ({@code OnePassChatRewriteTests} compares both paths).
 *
 * @author webui-migrations
 */
public final class ChatRewrite {

	private static final Log logger = LogFactory.getLog(ChatRewrite.class);

	/**
	 * The revisions that rewrite every chat: {@code 242a2047eae0} (chat text to JSON),
	 * {@code 8452d01d26d7} (chat_message from each chat's history), {@code b7c8d9e0f1a2}
	 * ({@code last_read_at}), {@code 461111b60977} (SQLite: the rebuild for the primary key)
	 * and {@code 9a1b2c3d4e5f} ({@code current_message_id}, only with {@code 8452d01d26d7} in the
	 * group: it reads the messages the pass extracts).
	 */
	static final List<String> REWRITES = List.of("242a2047eae0", "8452d01d26d7", "b7c8d9e0f1a2", "461111b60977",
			"9a1b2c3d4e5f");

	private final List<Step> steps = new ArrayList<>();

	private final Set<String> reads = new LinkedHashSet<>();

	private final Map<String, Column> writes = new LinkedHashMap<>();

	private final Set<String> dropped = new LinkedHashSet<>();

	/** Columns copied from another column of the same row unless a step sets them. */
	private final Map<String, String> copies = new LinkedHashMap<>();

	/** Columns filled with a SQL expression over the old row. */
	private final Map<String, String> fills = new LinkedHashMap<>();

	/** The values the steps computed, one row per chat. */
	private static final String VALUES = "_webui_chat_rewrite";

	private final List<Batch> deferredBatches = new ArrayList<>();

	private final Map<String, Inserts> inserts = new LinkedHashMap<>();

	private final List<Work> afterwards = new ArrayList<>();

	/** Indexes on chat that group revisions create, built once the rows are written: revision, SQL. */
	private final List<String[]> indexes = new ArrayList<>();

	private String running;

	/** Time spent in the steps, on the scan's helper thread (read after the scan has ended). */
	private volatile long preparing;

	private long computing;

	/**
	 * The revisions of a run's pending range to run as one group, or {@code null} when fewer
	 * than two of them rewrite chat.
	 * @param pending the ids of the pending revisions the run applies, in chain order
	 * @return the first and last index (inclusive) in {@code pending}, or {@code null}
	 */
	static int[] group(List<String> pending) {
		List<Integer> members = new ArrayList<>();
		for (int i = 0; i < pending.size(); i++) {
			String id = pending.get(i);
			if (REWRITES.contains(id) && (!id.equals("9a1b2c3d4e5f") || pending.contains("8452d01d26d7"))) {
				members.add(i);
			}
		}
		return (members.size() < 2) ? null : new int[] { members.get(0), members.get(members.size() - 1) };
	}

	/**
	 * Whether chat ids allow the pass: one chat's message ids ({@code <chat id>-<message id>})
	 * could only belong to another chat if one chat id were another's followed by {@code -}.
	 * @param op the operations of the group's connection
	 * @return whether no chat id is such a prefix of another
	 * @throws SQLException on a database error
	 */
	static boolean chatIdsAllowIt(RevisionOperations op) throws SQLException {
		// in byte order a prefix comes before the ids it begins, so a stack of the prefixes of the
		// current id finds every such pair in one streaming pass
		Deque<String> prefixes = new ArrayDeque<>();
		try (Statement select = op.connection().createStatement()) {
			select.setFetchSize(1000);
			try (ResultSet ids = select.executeQuery(
					"SELECT id FROM chat ORDER BY id" + (op.isSqlite() ? "" : " COLLATE \"C\""))) {
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
	 * A revision's work on one chat.
	 */
	@FunctionalInterface
	public interface Step {

		void apply(RewrittenChat chat);

	}

	/**
	 * Work on the database after the pass, in the group's transaction.
	 */
	@FunctionalInterface
	public interface Work {

		void run(RevisionOperations op) throws SQLException;

	}

	/**
	 * Run a step on every chat, after the steps of earlier revisions.
	 * @param reads the columns the step reads
	 * @param writes the columns the step sets
	 * @param step the step
	 */
	public void everyChat(List<String> reads, List<Column> writes, Step step) {
		this.reads.addAll(reads);
		writes.forEach((column) -> this.writes.put(column.name(), column));
		this.steps.add(step);
	}

	/**
	 * Fill a column from another column of the same row, for every chat where no step sets it
	 * (the copy is made by the database, not read and written here).
	 * @param column the column
	 * @param source the column it is copied from
	 */
	public void copy(String column, String source) {
		this.copies.put(column, source);
	}

	/**
	 * Fill a column with a SQL expression over the old row ({@code {row}} is its alias), for
	 * values a revision computed into a table of its own.
	 * @param column the column
	 * @param expression the expression
	 */
	public void fill(String column, String expression) {
		this.fills.put(column, expression);
	}

	/**
	 * Drop a column in the rewrite instead of in place.
	 * @param column the column
	 */
	public void dropColumn(String column) {
		this.dropped.add(column);
	}

	/**
	 * Rows the steps add to another table, written as each page of chats is.
	 * @param table the table
	 * @param conflictKey as {@link RowWriter#insert}
	 * @param columns the columns of each row
	 */
	public void insertInto(String table, String conflictKey, Column... columns) {
		this.inserts.put(table, new Inserts(conflictKey, List.of(columns)));
	}

	/**
	 * Work to do once every chat is written, in the order registered.
	 * @param work the work
	 */
	public void afterwards(Work work) {
		this.afterwards.add(work);
	}

	/** The revision whose upgrade runs now, named if work it left here fails. */
	void running(Revision revision) {
		this.running = revision.id();
	}

	/** An index on chat: built after the pass, not kept up to date through it. */
	void deferIndex(String sql) {
		this.indexes.add(new String[] { this.running, sql });
	}

	/** A SQLite {@code batch_alter_table} of chat, made by the rebuild. */
	void defer(Batch batch) {
		this.deferredBatches.add(batch);
	}

	/**
	 * Read every chat once, run the steps and write it once, then the work registered for
	 * afterwards.
	 * @param op the operations of the group's connection
	 * @throws SQLException on a database error
	 */
	void run(RevisionOperations op) throws SQLException {
		long start = System.nanoTime();
		if (op.isSqlite()) {
			rebuild(op);
		}
		else {
			update(op);
		}
		long written = System.nanoTime();
		for (String[] index : this.indexes) {
			try {
				op.execute(index[1]);
			}
			catch (SQLException ex) {
				throw new DeferredIndexException(index[0], ex);
			}
		}
		for (Work work : this.afterwards) {
			work.run(op);
		}
		if (logger.isDebugEnabled()) {
			logger.debug("One pass over chat: " + (written - start) / 1_000_000 + " ms (reading and the steps "
					+ this.computing / 1_000_000 + " ms, of which the steps " + this.preparing / 1_000_000
					+ " ms beside the reads and writes), then " + (System.nanoTime() - written) / 1_000_000
					+ " ms for what the revisions do afterwards (keys and indexes)");
		}
	}

	private void rebuild(RevisionOperations op) throws SQLException {
		SqliteTable shape = SqliteTable.reflect(op.connection(), "chat");
		Batch drops = new Batch("chat");
		this.dropped.forEach(drops::dropColumn);
		drops.applyTo(shape);
		for (Batch batch : this.deferredBatches) {
			batch.applyTo(shape);
		}
		shape.dropIndexesOnMissingColumns();
		List<String> targets = new ArrayList<>();
		List<String> sources = new ArrayList<>();
		for (SqliteTable.TableColumn column : shape.columns) {
			targets.add(RevisionOperations.quote(column.name));
			sources.add(source(column.name, "c", false));
		}
		String temporary = shape.createTemporary(op.connection());
		// SQLite copies each page of rows itself; only the values the steps computed come from here
		computeValues(op, "INSERT INTO " + RevisionOperations.quote(temporary) + " (" + String.join(", ", targets)
				+ ") SELECT " + String.join(", ", sources) + " FROM " + VALUES + " AS v JOIN chat AS c ON c.id = v.id "
				+ "ORDER BY c.id");
		shape.replaceWithTemporary(op.connection());
	}

	private void update(RevisionOperations op) throws SQLException {
		if (!op.strings("SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' "
				+ "AND 'lz4' = ANY (enumvals)").isEmpty()) {
			// each chat's new JSON is compressed into TOAST: lz4 does it about three times faster than
			// pglz; for this transaction only, the column's settings unchanged (docs/deviations.md)
			op.execute("SET LOCAL default_toast_compression = 'lz4'");
		}
		List<String> assignments = new ArrayList<>();
		Set<String> columns = new LinkedHashSet<>(this.writes.keySet());
		columns.addAll(this.copies.keySet());
		columns.addAll(this.fills.keySet());
		for (String column : columns) {
			assignments.add(RevisionOperations.quote(column) + " = " + source(column, "t", true));
		}
		// one UPDATE per page, made by the server while the next page's steps run here
		computeValues(op, "UPDATE chat AS t SET " + String.join(", ", assignments) + " FROM " + VALUES
				+ " AS v WHERE v.id = t.id");
		for (String column : this.dropped) {
			op.dropColumn("chat", column);
		}
	}

	/**
	 * A column's value in the rewritten row, as SQL over the old row (alias {@code row}) and the computed
	 * values {@code v}: what a step set, else what the column is copied from, else its own value.
	 */
	private String source(String column, String row, boolean postgresql) {
		if (this.fills.containsKey(column)) {
			return this.fills.get(column).replace("{row}", row);
		}
		String quoted = RevisionOperations.quote(column);
		String from = row + "." + (this.copies.containsKey(column) ? RevisionOperations.quote(this.copies.get(column)) : quoted);
		if (this.copies.containsKey(column) && this.writes.get(column) != null
				&& this.writes.get(column).type() == ColumnType.JSON && postgresql) {
			// text copied into PostgreSQL's json type
			from = "CAST(" + from + " AS JSON)";
		}
		if (!this.writes.containsKey(column)) {
			return from;
		}
		return "CASE WHEN v." + RevisionOperations.quote(column + "_set") + " = 1 THEN v." + quoted + " ELSE " + from + " END";
	}

	/**
	 * Read every chat once and run the steps; for each page, keep what they set in a temporary
	 * table (one row per chat: its id, each written column and whether it was set), write the
	 * page with {@code apply}, and write the rows the steps add elsewhere.
	 */
	private void computeValues(RevisionOperations op, String apply) throws SQLException {
		long start = System.nanoTime();
		List<Column> valueColumns = new ArrayList<>();
		valueColumns.add(Column.of("id", ColumnType.TEXT));
		List<String> ddl = new ArrayList<>();
		ddl.add("id " + (op.isSqlite() ? "TEXT" : "text") + " PRIMARY KEY");
		for (Column column : this.writes.values()) {
			Column flag = Column.of(column.name() + "_set", ColumnType.INTEGER);
			valueColumns.add(column);
			valueColumns.add(flag);
			ddl.add(column.ddl(op.dialect(), false));
			ddl.add(flag.ddl(op.dialect(), false));
		}
		op.execute("CREATE TEMPORARY TABLE " + VALUES + " (" + String.join(", ", ddl) + ")");
		List<String> columns = new ArrayList<>(this.reads);
		columns.remove("id");
		List<String> source = new ArrayList<>();
		source.add("id");
		source.addAll(columns);
		List<String> written = new ArrayList<>(this.writes.keySet());
		boolean[] analyzed = { op.isSqlite() };
		try (RowWriter values = RowWriter.insert(op, VALUES, null, valueColumns.toArray(Column[]::new));
				Writers writers = new Writers(op)) {
			// the chat JSON is parsed from its bytes, never decoded whole (RewrittenChat, 242a2047eae0)
			KeysetScan.forEachPage(op, "chat", "id", columns, Set.of("chat", "old_chat"), null,
					(page) -> prepare(page, source), (chats) -> {
				for (RewrittenChat chat : chats) {
					Object[] row = new Object[1 + 2 * written.size()];
					row[0] = chat.id();
					for (int i = 0; i < written.size(); i++) {
						boolean set = chat.isSet(written.get(i));
						row[1 + 2 * i] = set ? chat.get(written.get(i)) : null;
						row[2 + 2 * i] = set ? 1 : 0;
					}
					values.row(row);
				}
				values.flush();
				if (!analyzed[0]) {
					// so that the planner joins a page by the primary key instead of scanning chat
					op.execute("ANALYZE " + VALUES);
					analyzed[0] = true;
				}
				op.execute(apply);
				op.execute(op.isSqlite() ? "DELETE FROM " + VALUES : "TRUNCATE " + VALUES);
				writers.write(chats);
			});
		}
		op.execute("DROP TABLE " + VALUES);
		this.computing = System.nanoTime() - start;
	}

	/** Runs on the scan's helper thread: no database work here. */
	private List<RewrittenChat> prepare(List<Object[]> page, List<String> source) {
		long start = System.nanoTime();
		List<RewrittenChat> chats = new ArrayList<>(page.size());
		for (Object[] row : page) {
			Map<String, Object> values = new HashMap<>(source.size() * 2);
			for (int i = 0; i < source.size(); i++) {
				values.put(source.get(i), row[i]);
			}
			RewrittenChat chat = new RewrittenChat(values);
			for (Step step : this.steps) {
				step.apply(chat);
			}
			// keep only what is written
			chat.release();
			String id = chat.id();
			values.keySet().retainAll(this.writes.keySet());
			values.put("id", id);
			chats.add(chat);
		}
		this.preparing += System.nanoTime() - start;
		return chats;
	}

	/** The writers of the rows the steps add to other tables. */
	private final class Writers implements AutoCloseable {

		private final Map<String, RowWriter> writers = new LinkedHashMap<>();

		Writers(RevisionOperations op) throws SQLException {
			for (Map.Entry<String, Inserts> entry : ChatRewrite.this.inserts.entrySet()) {
				this.writers.put(entry.getKey(), RowWriter.insert(op, entry.getKey(), entry.getValue().conflictKey(),
						entry.getValue().columns().toArray(Column[]::new)));
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

	private record Inserts(String conflictKey, List<Column> columns) {
	}

	/** An index that a revision of the group asked for could not be built. */
	static final class DeferredIndexException extends SQLException {

		private final String revision;

		DeferredIndexException(String revision, SQLException cause) {
			super(cause.getMessage(), cause);
			this.revision = revision;
		}

		String revision() {
			return this.revision;
		}

	}

}
