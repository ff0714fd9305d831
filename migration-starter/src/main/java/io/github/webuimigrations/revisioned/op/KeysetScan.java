package io.github.webuimigrations.revisioned.op;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Reads a table in pages ordered by a unique key ({@code WHERE key > last ORDER BY key LIMIT n}),
 * so a data migration holds one page in memory, never the table, and may update the rows it
 * has read without disturbing an open cursor. The page size is the run's
 * ({@link RevisionOperations#pageSize()}).
 *
 * @author webui-migrations
 */
public final class KeysetScan {

	private final RevisionOperations op;

	private final String table;

	private final String key;

	private List<String> columns = List.of();

	private Set<String> utf8 = Set.of();

	private String where;

	private KeysetScan(RevisionOperations op, String table, String key) {
		this.op = op;
		this.table = table;
		this.key = key;
	}

	/**
	 * A scan of a table.
	 * @param op the operations of the revision's connection
	 * @param table the table
	 * @param key a unique, non-null text key column, read first
	 * @return the scan, of every row and of the key alone until told otherwise
	 */
	public static KeysetScan over(RevisionOperations op, String table, String key) {
		return new KeysetScan(op, table, key);
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
		over(op, table, key).columns(columns).forEachPage(handler);
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
		over(op, table, key).columns(columns).where(where).forEachPage(handler);
	}

	/**
	 * As {@link #forEachPage(Function, PageWriter)}, for the rows of a table that match a condition.
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
		over(op, table, key).columns(columns).where(where).forEachPage(prepare, write);
	}

	/**
	 * Read these columns after the key.
	 * @param columns the other columns to read
	 * @return this scan
	 */
	public KeysetScan columns(List<String> columns) {
		this.columns = List.copyOf(columns);
		return this;
	}

	/**
	 * Read some of the columns as their UTF-8 bytes ({@code byte[]}): JSON parsed from the
	 * bytes is never decoded whole into a string first.
	 * @param utf8 those of the columns to read as UTF-8 bytes
	 * @return this scan
	 */
	public KeysetScan utf8(Set<String> utf8) {
		this.utf8 = Set.copyOf(utf8);
		return this;
	}

	/**
	 * Visit only the rows that match a condition.
	 * @param where a SQL condition on the rows, or {@code null} for all
	 * @return this scan
	 */
	public KeysetScan where(String where) {
		this.where = where;
		return this;
	}

	/**
	 * Visit the rows, a page at a time.
	 * @param handler what to do with each page
	 * @throws SQLException on a database error
	 */
	public void forEachPage(PageHandler handler) throws SQLException {
		try (Pages pages = new Pages(this)) {
			for (List<Object[]> page = pages.next(); !page.isEmpty(); page = pages.next()) {
				handler.handle(page);
				pages.done(page);
			}
		}
	}

	/**
	 * Visit the rows, a page at a time, in two steps: the work that needs only the rows
	 * (parsing and converting JSON, say) runs on a helper thread while the database writes the
	 * previous page and reads the next, so neither waits for the other. The writes of one page
	 * must not change the rows of later pages. With a page size of 1 (the row-by-row baseline)
	 * both steps run in turn on the caller's thread.
	 * @param <T> what the first step makes of a page
	 * @param prepare what to make of each page, without the database
	 * @param write what to write for each prepared page, in page order
	 * @throws SQLException on a database error
	 */
	public <T> void forEachPage(Function<List<Object[]>, T> prepare, PageWriter<T> write) throws SQLException {
		forEachPage((page) -> page, prepare, write);
	}

	/**
	 * As {@link #forEachPage(Function, PageWriter)}, each page first read further on the
	 * caller's thread (what it needs from other tables, say) before it goes to the helper.
	 * @param <P> what a page becomes once read further
	 * @param <T> what the helper makes of it
	 * @param read what to read for each page, on the caller's thread
	 * @param prepare what to make of each page, without the database
	 * @param write what to write for each prepared page, in page order
	 * @throws SQLException on a database error
	 */
	public <P, T> void forEachPage(PageReader<P> read, Function<P, T> prepare, PageWriter<T> write)
			throws SQLException {
		if (this.op.rowByRow()) {
			forEachPage((rows) -> write.write(prepare.apply(read.read(rows))));
			return;
		}
		ExecutorService helper = Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, "webui-migrations-page-preparation");
			thread.setDaemon(true);
			return thread;
		});
		try (Pages pages = new Pages(this)) {
			List<Object[]> page = pages.next();
			Future<T> prepared = page.isEmpty() ? null : submit(helper, prepare, read.read(page));
			while (prepared != null) {
				List<Object[]> next = pages.next();
				Future<T> following = next.isEmpty() ? null : submit(helper, prepare, read.read(next));
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

	private static <P, T> Future<T> submit(ExecutorService helper, Function<P, T> prepare, P page) {
		return helper.submit(() -> prepare.apply(page));
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
	 * Something done with each page of rows.
	 */
	@FunctionalInterface
	public interface PageHandler {

		void handle(List<Object[]> rows) throws SQLException;

	}

	/**
	 * Reads what a page needs from elsewhere, on the caller's thread.
	 * @param <P> what the page becomes
	 */
	@FunctionalInterface
	public interface PageReader<P> {

		P read(List<Object[]> rows) throws SQLException;

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

		private final int pageSize;

		private final int width;

		/** Whether each column is read as UTF-8 bytes. */
		private final boolean[] utf8;

		private final PreparedStatement first;

		private final PreparedStatement next;

		private final long total;

		private long done;

		private String last;

		private boolean exhausted;

		Pages(KeysetScan scan) throws SQLException {
			this.op = scan.op;
			this.pageSize = scan.op.pageSize();
			List<String> selected = new ArrayList<>();
			selected.add(RevisionOperations.quote(scan.key));
			scan.columns.forEach((column) -> selected.add(RevisionOperations.quote(column)));
			this.width = selected.size();
			this.utf8 = new boolean[this.width];
			for (int i = 0; i < scan.columns.size(); i++) {
				this.utf8[i + 1] = scan.utf8.contains(scan.columns.get(i));
			}
			String table = RevisionOperations.quote(scan.table);
			String condition = (scan.where != null) ? "(" + scan.where + ")" : "1 = 1";
			String from = "SELECT " + String.join(", ", selected) + " FROM " + table + " WHERE " + condition;
			String order = " ORDER BY " + RevisionOperations.quote(scan.key) + " LIMIT " + this.pageSize;
			this.total = Long.parseLong(this.op.strings("SELECT count(*) FROM " + table + " WHERE " + condition).get(0));
			this.op.progress().rowsDone(0, this.total);
			this.first = this.op.connection().prepareStatement(from + order);
			this.next = this.op.connection()
				.prepareStatement(from + " AND " + RevisionOperations.quote(scan.key) + " > ?" + order);
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
			List<Object[]> page = new ArrayList<>(this.pageSize);
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
			this.exhausted = page.size() < this.pageSize;
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

}
