package io.github.webuimigrations.revisioned.chat;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.webuimigrations.revisioned.op.BatchAlterTable;
import io.github.webuimigrations.revisioned.op.ChatRewrite;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.KeysetScan;
import io.github.webuimigrations.revisioned.op.RevisionOperations;
import io.github.webuimigrations.revisioned.op.RewrittenChat;
import io.github.webuimigrations.revisioned.op.SqliteRebuild;

/**
 * The one pass over {@code chat} for the revisions of a group, or for one revision alone:
 * what each declares ({@link ChatRewrite}) is collected while they run, then carried out after
 * the last. Every chat is read once, the steps compute its columns in chain order, and the chat
 * is written once: into a rebuilt table on SQLite when the pass must rebuild it anyway, else by
 * {@code UPDATE}; the database copies what no step computes. Without steps no chat is read
 * here at all: the work is a statement or two. The rows are those the revisions give one after
 * another ({@code OnePassChatRewriteTests} compares both paths).
 *
 * @author webui-migrations
 */
public final class ChatPass implements ChatRewrite {

	private static final Log logger = LogFactory.getLog(ChatPass.class);

	/** Columns whose JSON a step parses from the UTF-8 bytes the driver returns. */
	private static final Set<String> JSON_TEXT = Set.of("chat", "old_chat");

	private final boolean rewritesChat;

	private final List<Step> steps = new ArrayList<>();

	private final Set<String> reads = new LinkedHashSet<>();

	private final Map<String, Column> writes = new LinkedHashMap<>();

	private final Set<String> dropped = new LinkedHashSet<>();

	/** Columns copied from another column of the same row unless a step sets them. */
	private final Map<String, String> copies = new LinkedHashMap<>();

	/** Columns filled from the row with the chat's id in another table, by table. */
	private final Map<String, List<String>> fills = new LinkedHashMap<>();

	private final List<BatchAlterTable> deferredBatches = new ArrayList<>();

	private final Map<String, PassPages.Inserts> inserts = new LinkedHashMap<>();

	private final Map<String, PassPages.RowsOf> rowsOf = new LinkedHashMap<>();

	private final List<AfterPass> afterwards = new ArrayList<>();

	/** Indexes on chat to build once the rows are written: the revision that asked, the SQL. */
	private final List<String[]> indexes = new ArrayList<>();

	private String running;

	/** Time spent in the steps, on the scan's helper thread (read after the scan has ended). */
	private volatile long preparing;

	/**
	 * A pass for a group of revisions.
	 * @param rewritesChat whether a revision of the group rewrites every chat: then SQLite
	 * rebuilds of {@code chat} and its new indexes wait for the pass
	 */
	public ChatPass(boolean rewritesChat) {
		this.rewritesChat = rewritesChat;
	}

	/**
	 * The revision whose upgrade runs now, named if work it left here fails.
	 * @param revision the revision id
	 */
	public void running(String revision) {
		this.running = revision;
	}

	@Override
	public void everyChat(List<String> reads, List<Column> writes, Step step) {
		this.reads.addAll(reads);
		writes.forEach((column) -> this.writes.put(column.name(), column));
		this.steps.add(step);
	}

	@Override
	public void copy(String column, String source) {
		this.copies.put(column, source);
	}

	@Override
	public void fillFrom(String table, String... columns) {
		this.fills.put(table, List.of(columns));
	}

	@Override
	public void dropColumn(String column) {
		this.dropped.add(column);
	}

	@Override
	public void insertInto(String table, String conflictKey, Column... columns) {
		this.inserts.put(table, new PassPages.Inserts(table, conflictKey, List.of(columns)));
	}

	@Override
	public void readRowsOf(String table, String chatColumn, String... columns) {
		this.rowsOf.put(table, new PassPages.RowsOf(table, chatColumn, List.of(columns)));
	}

	@Override
	public void afterwards(AfterPass work) {
		this.afterwards.add(work);
	}

	@Override
	public boolean deferRebuild(BatchAlterTable batch) {
		if (this.rewritesChat) {
			this.deferredBatches.add(batch);
		}
		return this.rewritesChat;
	}

	@Override
	public boolean deferIndex(String sql) {
		if (this.rewritesChat) {
			this.indexes.add(new String[] { this.running, sql });
		}
		return this.rewritesChat;
	}

	/**
	 * Carry out what the revisions declared: the pass, then the deferred indexes, then the
	 * work registered for afterwards. Nothing declared, nothing done.
	 * @param op the operations of the group's connection, inside its transaction
	 * @throws SQLException on a database error
	 */
	public void run(RevisionOperations op) throws SQLException {
		long start = System.nanoTime();
		ChatWrites chatWrites = new ChatWrites(this.writes, this.copies, this.fills, op.isSqlite());
		boolean rebuild = op.isSqlite() && (!this.dropped.isEmpty() || !this.deferredBatches.isEmpty());
		if (!this.steps.isEmpty()) {
			walk(op, chatWrites, rebuild);
		}
		else if (rebuild && this.dropped.isEmpty() && chatWrites.isEmpty()) {
			// nothing but the rebuilds the revisions asked for: made as they asked
			for (BatchAlterTable batch : this.deferredBatches) {
				batch.apply(op);
			}
		}
		else if (rebuild || !chatWrites.isEmpty() || !this.dropped.isEmpty()) {
			withoutSteps(op, chatWrites, rebuild);
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
		for (AfterPass work : this.afterwards) {
			work.run(op);
		}
		if (!this.steps.isEmpty() && logger.isDebugEnabled()) {
			logger.debug("One pass over chat: " + (written - start) / 1_000_000 + " ms (of which the steps "
					+ this.preparing / 1_000_000 + " ms beside the reads and writes), then "
					+ (System.nanoTime() - written) / 1_000_000 + " ms for what the revisions do afterwards (keys and "
					+ "indexes)");
		}
	}

	/** Read every chat once, run the steps, write each chat (and the rows the steps add) a page at a time. */
	private void walk(RevisionOperations op, ChatWrites chatWrites, boolean rebuild) throws SQLException {
		SqliteRebuild rebuilt = rebuild ? SqliteRebuild.of(op, "chat", batches()) : null;
		String apply = null;
		if (rebuilt != null) {
			List<String> columns = rebuilt.copiedColumns();
			// SQLite copies each page of rows itself; only the values the steps computed come from here
			apply = "INSERT INTO " + rebuilt.createTemporary() + " (" + String.join(", ", quoted(columns)) + ") SELECT "
					+ String.join(", ", chatWrites.sources(columns, "c")) + " FROM " + PassPages.VALUES
					+ " AS v JOIN chat AS c ON c.id = v.id" + chatWrites.fillJoins("c.id") + " ORDER BY c.id";
		}
		else if (!chatWrites.isEmpty()) {
			compressWithLz4(op, chatWrites);
			// one UPDATE per page, made by the database while the next page's steps run here
			apply = "UPDATE chat AS t SET " + String.join(", ", chatWrites.assignments("t")) + " FROM "
					+ PassPages.VALUES + " AS v" + chatWrites.fillJoins("v.id") + " WHERE v.id = t.id";
		}
		// a rebuild copies every chat; copies and fills reach the chats in the values table
		boolean everyChat = rebuild || !this.copies.isEmpty() || !this.fills.isEmpty();
		new PassPages(op, this.writes.values(), this.inserts.values(), tablesToRead(), apply, everyChat)
			.run(KeysetScan.over(op, "chat", "id").columns(columnsToRead()).utf8(JSON_TEXT), this::prepare);
		if (rebuilt != null) {
			rebuilt.replace();
		}
		else {
			dropInPlace(op);
		}
	}

	/** No step: the database does the whole rewrite, in a statement or two. */
	private void withoutSteps(RevisionOperations op, ChatWrites chatWrites, boolean rebuild) throws SQLException {
		long total = Long.parseLong(op.strings("SELECT count(*) FROM chat").get(0));
		op.progress().rowsDone(0, total);
		if (rebuild) {
			SqliteRebuild rebuilt = SqliteRebuild.of(op, "chat", batches());
			List<String> columns = rebuilt.copiedColumns();
			op.execute("INSERT INTO " + rebuilt.createTemporary() + " (" + String.join(", ", quoted(columns)) + ") SELECT "
					+ String.join(", ", chatWrites.sources(columns, "c")) + " FROM chat AS c" + chatWrites.fillJoins("c.id"));
			rebuilt.replace();
		}
		else {
			if (!this.copies.isEmpty()) {
				op.execute("UPDATE chat SET " + String.join(", ", chatWrites.copyAssignments()));
			}
			for (Map.Entry<String, List<String>> fill : this.fills.entrySet()) {
				List<String> assignments = new ArrayList<>();
				fill.getValue().forEach((column) -> assignments.add(RevisionOperations.quote(column) + " = f."
						+ RevisionOperations.quote(column)));
				op.execute("UPDATE chat SET " + String.join(", ", assignments) + " FROM "
						+ RevisionOperations.quote(fill.getKey()) + " AS f WHERE f.id = chat.id");
			}
			dropInPlace(op);
		}
		op.progress().rowsDone(total, total);
	}

	private List<BatchAlterTable> batches() {
		List<BatchAlterTable> batches = new ArrayList<>();
		if (!this.dropped.isEmpty()) {
			BatchAlterTable drops = BatchAlterTable.of("chat");
			this.dropped.forEach(drops::dropColumn);
			batches.add(drops);
		}
		batches.addAll(this.deferredBatches);
		return batches;
	}

	private void dropInPlace(RevisionOperations op) throws SQLException {
		for (String column : this.dropped) {
			op.dropColumn("chat", column);
		}
	}

	private void compressWithLz4(RevisionOperations op, ChatWrites chatWrites) throws SQLException {
		if (!op.isSqlite() && chatWrites.writesChatJson() && !op.strings("SELECT 1 FROM pg_settings WHERE name = "
				+ "'default_toast_compression' AND 'lz4' = ANY (enumvals)").isEmpty()) {
			// each chat's new JSON is compressed into TOAST: lz4 does it about three times faster than
			// pglz; for this transaction only, the column's settings unchanged (docs/deviations.md)
			op.execute("SET LOCAL default_toast_compression = 'lz4'");
		}
	}

	private List<String> columnsToRead() {
		List<String> columns = new ArrayList<>(this.reads);
		columns.remove("id");
		return columns;
	}

	/** The tables whose rows the steps read from the database: those no step adds rows to. */
	private List<PassPages.RowsOf> tablesToRead() {
		return this.rowsOf.values().stream().filter((rows) -> !this.inserts.containsKey(rows.table())).toList();
	}

	/** Runs on the scan's helper thread: no database work here. */
	private List<RewrittenChat> prepare(PassPages.Page page) {
		long start = System.nanoTime();
		List<String> columns = new ArrayList<>();
		columns.add("id");
		columns.addAll(columnsToRead());
		Map<String, Map<String, Integer>> added = new HashMap<>();
		this.inserts.forEach((table, insert) -> added.put(table, insert.positions()));
		List<RewrittenChat> chats = new ArrayList<>(page.rows().size());
		for (Object[] row : page.rows()) {
			Map<String, Object> values = new HashMap<>(columns.size() * 2);
			for (int i = 0; i < columns.size(); i++) {
				values.put(columns.get(i), row[i]);
			}
			RewrittenChat chat = new RewrittenChat(values, added);
			page.rowsOf(chat.id()).forEach(chat::withRows);
			for (Step step : this.steps) {
				step.apply(chat);
			}
			chat.release(this.writes.keySet());
			chats.add(chat);
		}
		this.preparing += System.nanoTime() - start;
		return chats;
	}

	private static List<String> quoted(List<String> columns) {
		return columns.stream().map(RevisionOperations::quote).toList();
	}

	/** An index that a revision of the group asked for could not be built. */
	public static final class DeferredIndexException extends SQLException {

		private final String revision;

		DeferredIndexException(String revision, SQLException cause) {
			super(cause.getMessage(), cause);
			this.revision = revision;
		}

		/**
		 * The revision that asked for the index.
		 * @return its id
		 */
		public String revision() {
			return this.revision;
		}

	}

}
