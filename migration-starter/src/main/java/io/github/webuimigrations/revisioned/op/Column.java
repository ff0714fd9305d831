package io.github.webuimigrations.revisioned.op;

import io.github.webuimigrations.database.Dialect;

/**
 * A column as a revision declares it with {@code sa.Column(...)}: name, type, nullability
 * and server default. Columns are nullable unless {@link #notNull()}.
 *
 * @param name column name
 * @param type column type
 * @param nullable whether NULL is allowed
 * @param serverDefault the server default, or {@code null}
 * @author webui-migrations
 */
public record Column(String name, ColumnType type, boolean nullable, ServerDefault serverDefault) {

	public static Column of(String name, ColumnType type) {
		return new Column(name, type, true, null);
	}

	public Column notNull() {
		return new Column(this.name, this.type, false, this.serverDefault);
	}

	public Column withDefault(ServerDefault serverDefault) {
		return new Column(this.name, this.type, this.nullable, serverDefault);
	}

	/**
	 * The column definition as SQLAlchemy renders it, e.g. {@code meta JSON DEFAULT '{}' NOT NULL}.
	 * @param dialect the dialect
	 * @param serial render an autoincrement integer primary key (SERIAL on PostgreSQL)
	 * @return the definition
	 */
	public String ddl(Dialect dialect, boolean serial) {
		StringBuilder ddl = new StringBuilder(RevisionOperations.quote(this.name)).append(' ');
		ddl.append((serial && dialect == Dialect.POSTGRESQL) ? "SERIAL" : this.type.sql(dialect));
		if (this.serverDefault != null) {
			ddl.append(" DEFAULT ").append(this.serverDefault.sql(dialect));
		}
		if (!this.nullable) {
			ddl.append(" NOT NULL");
		}
		return ddl.toString();
	}

	/**
	 * A server default as SQLAlchemy renders it per dialect.
	 *
	 * @param sqlite on SQLite
	 * @param postgresql on PostgreSQL
	 */
	public record ServerDefault(String sqlite, String postgresql) {

		/** {@code server_default=sa.func.now()}. */
		public static final ServerDefault NOW = new ServerDefault("(CURRENT_TIMESTAMP)", "now()");

		/** {@code server_default=sa.sql.expression.true()}. */
		public static final ServerDefault TRUE = new ServerDefault("1", "true");

		/** {@code server_default=sa.sql.expression.false()}. */
		public static final ServerDefault FALSE = new ServerDefault("0", "false");

		/**
		 * A literal string default, {@code server_default='…'}.
		 * @param value the literal
		 * @return the default
		 */
		public static ServerDefault literal(String value) {
			String quoted = "'" + value.replace("'", "''") + "'";
			return new ServerDefault(quoted, quoted);
		}

		/**
		 * A boolean given as a string, {@code server_default='1'}: SQLite keeps the text,
		 * PostgreSQL casts it.
		 * @param value the boolean
		 * @return the default
		 */
		public static ServerDefault literalBoolean(boolean value) {
			return new ServerDefault(value ? "'1'" : "'0'", value ? "true" : "false");
		}

		String sql(Dialect dialect) {
			return (dialect == Dialect.SQLITE) ? this.sqlite : this.postgresql;
		}

	}

}
