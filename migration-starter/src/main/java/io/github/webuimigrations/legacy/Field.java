package io.github.webuimigrations.legacy;

import io.github.webuimigrations.database.Dialect;

/**
 * A peewee field declaration as the legacy migrations write it, e.g.
 * {@code Field.charField("share_id").nullable().unique()} for
 * {@code pw.CharField(max_length=255, null=True, unique=True)}. Fields are NOT NULL unless
 * {@link #nullable()}; the default only fills existing rows when the field is added.
 *
 * @param name column name
 * @param type peewee field type
 * @param allowsNull {@code null=True}
 * @param hasUniqueIndex {@code unique=True}: a unique index named {@code <table>_<column>}
 * @param defaultValue Python-side default, or {@code null}
 * @author webui-migrations
 */
public record Field(String name, FieldType type, boolean allowsNull, boolean hasUniqueIndex, Object defaultValue) {

	public static Field autoField(String name) {
		return new Field(name, FieldType.AUTO, false, false, null);
	}

	public static Field charField(String name) {
		return new Field(name, FieldType.CHAR, false, false, null);
	}

	public static Field textField(String name) {
		return new Field(name, FieldType.TEXT, false, false, null);
	}

	public static Field bigIntegerField(String name) {
		return new Field(name, FieldType.BIG_INTEGER, false, false, null);
	}

	public static Field booleanField(String name) {
		return new Field(name, FieldType.BOOLEAN, false, false, null);
	}

	public static Field dateTimeField(String name) {
		return new Field(name, FieldType.DATE_TIME, false, false, null);
	}

	public static Field dateField(String name) {
		return new Field(name, FieldType.DATE, false, false, null);
	}

	public Field nullable() {
		return new Field(this.name, this.type, true, this.hasUniqueIndex, this.defaultValue);
	}

	public Field unique() {
		return new Field(this.name, this.type, this.allowsNull, true, this.defaultValue);
	}

	public Field withDefault(Object value) {
		return new Field(this.name, this.type, this.allowsNull, this.hasUniqueIndex, value);
	}

	/**
	 * The column definition peewee renders, e.g. {@code "title" TEXT NOT NULL}.
	 * @param dialect the database dialect
	 * @param asNullable render without NOT NULL (peewee adds columns that way first)
	 * @return the column definition
	 */
	public String ddl(Dialect dialect, boolean asNullable) {
		String column = LegacyMigrator.quote(this.name) + " " + this.type.sql(dialect);
		if (this.type == FieldType.AUTO) {
			return column + " NOT NULL PRIMARY KEY";
		}
		return (this.allowsNull || asNullable) ? column : column + " NOT NULL";
	}

}
