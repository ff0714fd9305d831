package io.github.webuimigrations.revisioned.op;

import io.github.webuimigrations.database.Dialect;

/**
 * The SQLAlchemy column types the revisions use, rendered as SQLAlchemy 2.0 renders them on
 * each dialect (spec 4.4).
 *
 * @param sqlite the declared type on SQLite
 * @param postgresql the type on PostgreSQL
 * @author webui-migrations
 */
public record ColumnType(String sqlite, String postgresql) {

	/** {@code sa.String()}: unbounded VARCHAR. */
	public static final ColumnType STRING = new ColumnType("VARCHAR", "VARCHAR");

	/** {@code sa.Text()}. */
	public static final ColumnType TEXT = new ColumnType("TEXT", "TEXT");

	/** {@code sa.BigInteger()}. */
	public static final ColumnType BIG_INTEGER = new ColumnType("BIGINT", "BIGINT");

	/** {@code sa.Integer()}. */
	public static final ColumnType INTEGER = new ColumnType("INTEGER", "INTEGER");

	/** {@code sa.Boolean()}. */
	public static final ColumnType BOOLEAN = new ColumnType("BOOLEAN", "BOOLEAN");

	/** {@code sa.DateTime()}. */
	public static final ColumnType DATE_TIME = new ColumnType("DATETIME", "TIMESTAMP WITHOUT TIME ZONE");

	/** {@code sa.Date()}. */
	public static final ColumnType DATE = new ColumnType("DATE", "DATE");

	/** {@code sa.JSON()}: NUMERIC affinity on SQLite, {@code json} (not jsonb) on PostgreSQL. */
	public static final ColumnType JSON = new ColumnType("JSON", "JSON");

	/** open-webui's {@code JSONField}: JSON kept in a TEXT column. */
	public static final ColumnType JSON_FIELD = new ColumnType("TEXT", "TEXT");

	/**
	 * {@code sa.String(length)}.
	 * @param length the length
	 * @return the type
	 */
	public static ColumnType string(int length) {
		return new ColumnType("VARCHAR(" + length + ")", "VARCHAR(" + length + ")");
	}

	/**
	 * Whether two SQLite declared types are of the same SQLAlchemy kind (its type affinity:
	 * string, integer, date/time, ...), which decides whether Alembic casts in a rebuild.
	 * @param a a declared type
	 * @param b another
	 * @return whether they are of one kind
	 */
	public static boolean sameKind(String a, String b) {
		return kind(a).equals(kind(b));
	}

	private static String kind(String declared) {
		String type = declared.toUpperCase(java.util.Locale.ROOT);
		if (type.contains("CHAR") || type.contains("TEXT") || type.contains("CLOB")) {
			return "string";
		}
		if (type.contains("INT")) {
			return "integer";
		}
		if (type.startsWith("DATETIME") || type.startsWith("TIMESTAMP")) {
			return "datetime";
		}
		return type;
	}

	/**
	 * The type as written in DDL.
	 * @param dialect the dialect
	 * @return the SQL type
	 */
	public String sql(Dialect dialect) {
		return (dialect == Dialect.SQLITE) ? this.sqlite : this.postgresql;
	}

}
