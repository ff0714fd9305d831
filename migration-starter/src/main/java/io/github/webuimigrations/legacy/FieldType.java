package io.github.webuimigrations.legacy;

import io.github.webuimigrations.database.Dialect;

/**
 * The peewee 3.19 field types the legacy migrations use, with the column types peewee
 * emitted for each dialect.
 *
 * @author webui-migrations
 */
public enum FieldType {

	/** {@code AutoField}: an integer primary key. */
	AUTO("INTEGER", "SERIAL"),

	/** {@code CharField()}: max_length 255. */
	CHAR("VARCHAR(255)", "VARCHAR(255)"),

	/** {@code TextField}. */
	TEXT("TEXT", "TEXT"),

	/** {@code BigIntegerField}: SQLite maps BIGINT to INTEGER. */
	BIG_INTEGER("INTEGER", "BIGINT"),

	/** {@code BooleanField}: 0/1 integers on SQLite. */
	BOOLEAN("INTEGER", "BOOLEAN"),

	/** {@code DateTimeField}. */
	DATE_TIME("DATETIME", "TIMESTAMP"),

	/** {@code DateField}. */
	DATE("DATE", "DATE");

	private final String sqlite;

	private final String postgresql;

	FieldType(String sqlite, String postgresql) {
		this.sqlite = sqlite;
		this.postgresql = postgresql;
	}

	/**
	 * The column type peewee wrote for this field.
	 * @param dialect the database dialect
	 * @return the SQL type
	 */
	public String sql(Dialect dialect) {
		return (dialect == Dialect.SQLITE) ? this.sqlite : this.postgresql;
	}

}
