package io.github.webuimigrations.revisioned;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

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
	 * {@code webui.migrations.page-size} (1 gives a row-by-row run, the benchmark's baseline).
	 */
	public static final int PAGE_SIZE = Math.max(1, Integer.getInteger("webui.migrations.page-size", 500));

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
		List<String> selected = new ArrayList<>();
		selected.add(RevisionOperations.quote(key));
		columns.forEach((column) -> selected.add(RevisionOperations.quote(column)));
		String from = "SELECT " + String.join(", ", selected) + " FROM " + RevisionOperations.quote(table) + " WHERE "
				+ ((where != null) ? "(" + where + ")" : "1 = 1");
		String order = " ORDER BY " + RevisionOperations.quote(key) + " LIMIT " + PAGE_SIZE;
		String last = null;
		long total = count(op, table, where);
		long done = 0;
		op.progress().rowsDone(0, total);
		try (PreparedStatement first = op.connection().prepareStatement(from + order);
				PreparedStatement next = op.connection()
					.prepareStatement(from + " AND " + RevisionOperations.quote(key) + " > ?" + order)) {
			while (true) {
				PreparedStatement select = (last != null) ? next : first;
				if (last != null) {
					select.setString(1, last);
				}
				List<Object[]> page = new ArrayList<>(PAGE_SIZE);
				try (ResultSet rows = select.executeQuery()) {
					while (rows.next()) {
						Object[] row = new Object[selected.size()];
						for (int i = 0; i < row.length; i++) {
							row[i] = rows.getObject(i + 1);
						}
						page.add(row);
					}
				}
				if (page.isEmpty()) {
					return;
				}
				handler.handle(page);
				done += page.size();
				op.progress().rowsDone(done, Math.max(done, total));
				last = (String) page.get(page.size() - 1)[0];
				if (page.size() < PAGE_SIZE) {
					return;
				}
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
