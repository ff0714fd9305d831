package io.github.webuimigrations.revisioned.op;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.postgresql.PGConnection;

/**
 * The rows a data migration writes, a page at a time: inserted (optionally skipping rows whose
 * key already exists) or updated by key. On PostgreSQL a page is streamed with {@code COPY}
 * into a temporary table and applied with one statement (or, for plain inserts, copied straight
 * into the table), so the server does one insert or update per page instead of one per row; on SQLite, where a statement costs no round trip,
 * and in the row-by-row baseline ({@link RevisionOperations#rowByRow()}), it is a JDBC batch.
 *
 * @author webui-migrations
 */
public final class RowWriter implements AutoCloseable {

	private static final String SEQUENCE = "_webui_seq";

	private final Connection connection;

	private final List<Column> columns;

	/** The batch statement, or {@code null} when rows are staged. */
	private final PreparedStatement batch;

	/** The table rows are copied into: a temporary one, or the target itself; {@code null} for a batch. */
	private final String stage;

	/** The statement applying the staged rows, or {@code null} when they are copied into the target. */
	private final String apply;

	/** Whether the first value is the key, bound last in the batch statement's WHERE. */
	private final boolean keyLast;

	private final CopyText staged = new CopyText();

	private int pending;

	private RowWriter(RevisionOperations op, String table, List<Column> columns, boolean keyLast, String batchSql,
			String applySql) throws SQLException {
		this.connection = op.connection();
		this.columns = columns;
		this.keyLast = keyLast;
		if (op.isSqlite() || op.rowByRow()) {
			this.batch = this.connection.prepareStatement(batchSql);
			this.stage = null;
			this.apply = null;
		}
		else if (applySql == null) {
			this.batch = null;
			this.stage = RevisionOperations.quote(table);
			this.apply = null;
		}
		else {
			this.batch = null;
			this.stage = RevisionOperations.quote("_webui_stage_" + table);
			this.apply = applySql.replace("{stage}", this.stage);
			try (Statement statement = this.connection.createStatement()) {
				// the target's own column types; dropped at commit if a failure skips close()
				statement.execute("CREATE TEMPORARY TABLE " + this.stage + " ON COMMIT DROP AS SELECT " + names(columns)
						+ " FROM " + RevisionOperations.quote(table) + " WITH NO DATA");
				statement.execute("ALTER TABLE " + this.stage + " ADD COLUMN " + SEQUENCE + " BIGSERIAL");
			}
		}
	}

	/**
	 * Rows inserted into a table.
	 * @param op the operations of the revision's connection
	 * @param table the table
	 * @param conflictKey a unique column: rows whose value already exists are skipped (the first
	 * of a page wins), or {@code null} to insert every row (on PostgreSQL copied straight into the
	 * table)
	 * @param columns the columns each row gives, in order
	 * @return the writer
	 * @throws SQLException on a database error
	 */
	public static RowWriter insert(RevisionOperations op, String table, String conflictKey, Column... columns)
			throws SQLException {
		List<Column> list = List.of(columns);
		String onConflict = (conflictKey != null) ? " ON CONFLICT (" + RevisionOperations.quote(conflictKey) + ") DO NOTHING"
				: "";
		String into = "INSERT INTO " + RevisionOperations.quote(table) + " (" + names(list) + ")";
		return new RowWriter(op, table, list, false, into + " VALUES (" + placeholders(op, list) + ")" + onConflict,
				(conflictKey != null) ? into + " SELECT " + names(list) + " FROM {stage} ORDER BY " + SEQUENCE + onConflict
						: null);
	}

	/**
	 * Rows updated by key.
	 * @param op the operations of the revision's connection
	 * @param table the table
	 * @param key the unique column that finds each row, given first in every row
	 * @param set the columns each row sets, in order after the key
	 * @return the writer
	 * @throws SQLException on a database error
	 */
	public static RowWriter update(RevisionOperations op, String table, Column key, Column... set) throws SQLException {
		List<Column> list = new ArrayList<>();
		list.add(key);
		list.addAll(List.of(set));
		List<String> assignments = new ArrayList<>();
		List<String> staged = new ArrayList<>();
		for (int i = 1; i < list.size(); i++) {
			String column = RevisionOperations.quote(list.get(i).name());
			assignments.add(column + " = " + placeholder(op, list.get(i)));
			staged.add(column + " = s." + column);
		}
		String quotedKey = RevisionOperations.quote(key.name());
		String target = RevisionOperations.quote(table);
		return new RowWriter(op, table, list, true,
				"UPDATE " + target + " SET " + String.join(", ", assignments) + " WHERE " + quotedKey + " = ?",
				"UPDATE " + target + " AS t SET " + String.join(", ", staged) + " FROM {stage} AS s WHERE t." + quotedKey
						+ " = s." + quotedKey);
	}

	/**
	 * Add a row; it is written at the next {@link #flush()}.
	 * @param values a value per column, in order: text, JSON text, a number, a boolean or {@code null}
	 * @throws SQLException on a database error
	 */
	public void row(Object... values) throws SQLException {
		if (values.length != this.columns.size()) {
			throw new IllegalArgumentException("Expected " + this.columns.size() + " values, got " + values.length);
		}
		if (this.batch != null) {
			int parameter = 1;
			for (int i = this.keyLast ? 1 : 0; i < values.length; i++) {
				bind(parameter++, values[i], this.columns.get(i).type());
			}
			if (this.keyLast) {
				bind(parameter, values[0], this.columns.get(0).type());
			}
			this.batch.addBatch();
		}
		else {
			for (int i = 0; i < values.length; i++) {
				if (i > 0) {
					this.staged.separator('\t');
				}
				this.staged.value(values[i]);
			}
			this.staged.separator('\n');
		}
		this.pending++;
	}

	/**
	 * Write the rows added since the last flush.
	 * @throws SQLException on a database error
	 */
	public void flush() throws SQLException {
		if (this.pending == 0) {
			return;
		}
		if (this.batch != null) {
			this.batch.executeBatch();
		}
		else {
			try {
				this.connection.unwrap(PGConnection.class)
					.getCopyAPI()
					.copyIn("COPY " + this.stage + " (" + names(this.columns) + ") FROM STDIN",
							this.staged.stream());
			}
			catch (IOException ex) {
				throw new SQLException("Could not stream rows to PostgreSQL: " + ex.getMessage(), ex);
			}
			if (this.apply != null) {
				try (Statement statement = this.connection.createStatement()) {
					statement.execute(this.apply);
					statement.execute("TRUNCATE " + this.stage);
				}
			}
			this.staged.clear();
		}
		this.pending = 0;
	}

	@Override
	public void close() throws SQLException {
		if (this.batch != null) {
			this.batch.close();
		}
		else if (this.apply != null) {
			try (Statement statement = this.connection.createStatement()) {
				statement.execute("DROP TABLE IF EXISTS " + this.stage);
			}
		}
	}

	private void bind(int parameter, Object value, ColumnType type) throws SQLException {
		if (value == null) {
			this.batch.setNull(parameter, (type == ColumnType.BOOLEAN) ? Types.BOOLEAN
					: (type == ColumnType.BIG_INTEGER || type == ColumnType.INTEGER) ? Types.BIGINT : Types.VARCHAR);
		}
		else if (value instanceof Boolean bool) {
			this.batch.setBoolean(parameter, bool);
		}
		else if (value instanceof Number number) {
			this.batch.setLong(parameter, number.longValue());
		}
		else {
			this.batch.setString(parameter, value.toString());
		}
	}

	/**
	 * Rows in COPY's text format, as the UTF-8 bytes the server reads: {@code \N} for null,
	 * backslash escapes for the rest. Bytes, not a string: one non-Latin-1 character would make
	 * a whole page UTF-16, to be encoded again by the driver.
	 */
	static final class CopyText {

		private byte[] bytes = new byte[1 << 16];

		private int length;

		void value(Object value) {
			if (value == null) {
				separator('\\');
				separator('N');
				return;
			}
			if (value instanceof Boolean bool) {
				separator(bool ? 't' : 'f');
				return;
			}
			byte[] text = value.toString().getBytes(StandardCharsets.UTF_8);
			ensure(2 * text.length);
			int run = 0;
			// UTF-8 never uses these ASCII bytes inside a multi-byte character
			for (int i = 0; i < text.length; i++) {
				byte escape = switch (text[i]) {
					case '\\' -> '\\';
					case '\n' -> 'n';
					case '\r' -> 'r';
					case '\t' -> 't';
					default -> 0;
				};
				if (escape != 0) {
					copy(text, run, i);
					this.bytes[this.length++] = '\\';
					this.bytes[this.length++] = escape;
					run = i + 1;
				}
			}
			copy(text, run, text.length);
		}

		void separator(char c) {
			ensure(1);
			this.bytes[this.length++] = (byte) c;
		}

		ByteArrayInputStream stream() {
			return new ByteArrayInputStream(this.bytes, 0, this.length);
		}

		void clear() {
			this.length = 0;
		}

		private void copy(byte[] text, int from, int to) {
			System.arraycopy(text, from, this.bytes, this.length, to - from);
			this.length += to - from;
		}

		private void ensure(int more) {
			if (this.length + more > this.bytes.length) {
				this.bytes = Arrays.copyOf(this.bytes, Math.max(2 * this.bytes.length, this.length + more));
			}
		}

	}

	private static String names(List<Column> columns) {
		List<String> names = new ArrayList<>();
		columns.forEach((column) -> names.add(RevisionOperations.quote(column.name())));
		return String.join(", ", names);
	}

	private static String placeholders(RevisionOperations op, List<Column> columns) {
		List<String> placeholders = new ArrayList<>();
		columns.forEach((column) -> placeholders.add(placeholder(op, column)));
		return String.join(", ", placeholders);
	}

	private static String placeholder(RevisionOperations op, Column column) {
		return (column.type() == ColumnType.JSON) ? op.jsonPlaceholder() : "?";
	}

}
