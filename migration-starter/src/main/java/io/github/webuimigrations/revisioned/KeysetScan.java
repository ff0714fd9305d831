package io.github.webuimigrations.revisioned;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Reads a table in pages ordered by a unique key ({@code WHERE key > last ORDER BY key LIMIT n}),
 * so a data migration holds one page in memory, never the table, and may update the rows it
 * has read without disturbing an open cursor.
 *
 * @author webui-migrations
 */
public final class KeysetScan {

	/**
	 * Rows per page and per write batch: 500, or the system property
	 * {@code webui.migrations.page-size}. 1 gives the benchmark's row-by-row baseline: one
	 * statement per row read and per row written, on the caller's thread, without staging.
	 */
	public static final int PAGE_SIZE = Math.max(1, Integer.getInteger("webui.migrations.page-size", 500));

	/** Whether this is the row-by-row baseline (page size 1). */
	static final boolean ROW_BY_ROW = PAGE_SIZE == 1;

	private KeysetScan() {
	}

	/**
	 * Something done with each page of rows.
	 */
	@FunctionalInterface
	public interface PageHandler {

		void handle(List<Object[]> rows) throws SQLException;

	}

	/**
	 * Visit every row of a table, a page at a time.
	 * @param op the operations of the revision's connection
	 * @param table the table
	 * @param key a unique, non-null text key column, read first
	 * @param columns the other columns to read
	 * @param handler what to do with each page
	 * @throws SQLException on a database error
	 */
	public static void forEachPage(RevisionOperations op, String table, String key, List<String> columns,
			PageHandler handler) throws SQLException {
		forEachPage(op, table, key, columns, null, handler);
	}

	/**
	 * Visit the rows of a table that match a condition, a page at a time.
	 * @param op the operations of the revision's connection
	 * @param table the table
	 * @param key a unique, non-null text key column, read first
	 * @param columns the other columns to read
	 * @param where a SQL condition on the rows, or {@code null} for all
	 * @param handler what to do with each page
	 * @throws SQLException on a database error
	 */
	public static void forEachPage(RevisionOperations op, String table, String key, List<String> columns, String where,
			PageHandler handler) throws SQLException {
		forEachPage(op, table, key, columns, Set.of(), where, handler);
	}

	private static void forEachPage(RevisionOperations op, String table, String key, List<String> columns,
			Set<String> utf8, String where, PageHandler handler) throws SQLException {
		try (Pages pages = new Pages(op, table, key, columns, utf8, where)) {
			for (List<Object[]> page = pages.next(); !page.isEmpty(); page = pages.next()) {
				handler.handle(page);
				pages.done(page);
			}
		}
	}

	/**
	 * Visit the rows of a table that match a condition, a page at a time, in two steps: the
	 * work that needs only the rows (parsing and converting JSON, say) runs on a helper thread
	 * while the database writes the previous page and reads the next, so neither waits for the
	 * other. The writes of one page must not change the rows of later pages. In the row-by-row
	 * baseline ({@link #ROW_BY_ROW}) both steps run in turn on the caller's thread.
	 * @param <T> what the first step makes of a page
	 * @param op the operations of the revision's connection
	 * @param table the table
	 * @param key a unique, non-null text key column, read first
	 * @param columns the other columns to read
	 * @param where a SQL condition on the rows, or {@code null} for all
	 * @param prepare what to make of each page, without the database
	 * @param write what to write for each prepared page, in page order
	 * @throws SQLException on a database error
	 */
	public static <T> void forEachPage(RevisionOperations op, String table, String key, List<String> columns,
			String where, Function<List<Object[]>, T> prepare, PageWriter<T> write) throws SQLException {
		forEachPage(op, table, key, columns, Set.of(), where, prepare, write);
	}

	/**
	 * As {@link #forEachPage(RevisionOperations, String, String, List, String, Function, PageWriter)},
	 * some text columns read as their UTF-8 bytes ({@code byte[]}): JSON parsed from the bytes
	 * is never decoded whole into a string first.
	 * @param <T> what the first step makes of a page
	 * @param op the operations of the revision's connection
	 * @param table the table
	 * @param key a unique, non-null text key column, read first
	 * @param columns the other columns to read
	 * @param utf8 those of the columns to read as UTF-8 bytes
	 * @param where a SQL condition on the rows, or {@code null} for all
	 * @param prepare what to make of each page, without the database
	 * @param write what to write for each prepared page, in page order
	 * @throws SQLException on a database error
	 */
	public static <T> void forEachPage(RevisionOperations op, String table, String key, List<String> columns,
			Set<String> utf8, String where, Function<List<Object[]>, T> prepare, PageWriter<T> write)
			throws SQLException {
		if (ROW_BY_ROW) {
			forEachPage(op, table, key, columns, utf8, where, (rows) -> write.write(prepare.apply(rows)));
			return;
		}
		ExecutorService helper = Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, "webui-migrations-page-preparation");
			thread.setDaemon(true);
			return thread;
		});
		try (Pages pages = new Pages(op, table, key, columns, utf8, where)) {
			List<Object[]> page = pages.next();
			Future<T> prepared = page.isEmpty() ? null : helper.submit(preparation(prepare, page));
			while (prepared != null) {
				List<Object[]> next = pages.next();
				Future<T> following = next.isEmpty() ? null : helper.submit(preparation(prepare, next));
				write.write(result(prepared));
				pages.done(page);
				page = next;
				prepared = following;
			}
		}
		finally {
			helper.shutdownNow();
		}
	}

	private static <T> Callable<T> preparation(Function<List<Object[]>, T> prepare, List<Object[]> page) {
		return () -> prepare.apply(page);
	}

	private static <T> T result(Future<T> prepared) throws SQLException {
		try {
			return prepared.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SQLException("Interrupted while preparing a page of rows", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw new SQLException(ex.getCause());
		}
	}

	/**
	 * Writes what was prepared from a page.
	 * @param <T> what was prepared
	 */
	@FunctionalInterface
	public interface PageWriter<T> {

		void write(T prepared) throws SQLException;

	}

	/** The pages of a scan, read one after another, with progress reported as they are done. */
	private static final class Pages implements AutoCloseable {

		private final RevisionOperations op;

		private final int width;

		/** Whether each column is read as UTF-8 bytes. */
		private final boolean[] utf8;

		private final PreparedStatement first;

		private final PreparedStatement next;

		private final long total;

		private long done;

		private String last;

		private boolean exhausted;

		Pages(RevisionOperations op, String table, String key, List<String> columns, Set<String> utf8, String where)
				throws SQLException {
			this.op = op;
			List<String> selected = new ArrayList<>();
			selected.add(RevisionOperations.quote(key));
			columns.forEach((column) -> selected.add(RevisionOperations.quote(column)));
			this.width = selected.size();
			this.utf8 = new boolean[this.width];
			for (int i = 0; i < columns.size(); i++) {
				this.utf8[i + 1] = utf8.contains(columns.get(i));
			}
			String from = "SELECT " + String.join(", ", selected) + " FROM " + RevisionOperations.quote(table) + " WHERE "
					+ ((where != null) ? "(" + where + ")" : "1 = 1");
			String order = " ORDER BY " + RevisionOperations.quote(key) + " LIMIT " + PAGE_SIZE;
			this.total = count(op, table, where);
			op.progress().rowsDone(0, this.total);
			this.first = op.connection().prepareStatement(from + order);
			this.next = op.connection().prepareStatement(from + " AND " + RevisionOperations.quote(key) + " > ?" + order);
		}

		/** The next page, empty at the end. */
		List<Object[]> next() throws SQLException {
			if (this.exhausted) {
				return List.of();
			}
			PreparedStatement select = (this.last != null) ? this.next : this.first;
			if (this.last != null) {
				select.setString(1, this.last);
			}
			List<Object[]> page = new ArrayList<>(PAGE_SIZE);
			try (ResultSet rows = select.executeQuery()) {
				while (rows.next()) {
					Object[] row = new Object[this.width];
					for (int i = 0; i < row.length; i++) {
						// a text column's getBytes is its UTF-8 text with both drivers
						row[i] = this.utf8[i] ? rows.getBytes(i + 1) : rows.getObject(i + 1);
					}
					page.add(row);
				}
			}
			this.exhausted = page.size() < PAGE_SIZE;
			if (!page.isEmpty()) {
				this.last = (String) page.get(page.size() - 1)[0];
			}
			return page;
		}

		/** Report a page as done. */
		void done(List<Object[]> page) {
			this.done += page.size();
			this.op.progress().rowsDone(this.done, Math.max(this.done, this.total));
		}

		@Override
		public void close() throws SQLException {
			try (this.first; this.next) {
				// closes both statements
			}
		}

	}

	private static long count(RevisionOperations op, String table, String where) throws SQLException {
		try (PreparedStatement count = op.connection()
			.prepareStatement("SELECT count(*) FROM " + RevisionOperations.quote(table)
					+ ((where != null) ? " WHERE (" + where + ")" : ""));
				ResultSet result = count.executeQuery()) {
			result.next();
			return result.getLong(1);
		}
	}

}
