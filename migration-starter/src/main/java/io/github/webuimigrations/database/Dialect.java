package io.github.webuimigrations.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The two database families open-webui supports: SQLite (plain or SQLCipher-encrypted)
 * and PostgreSQL. Upstream's migrations branch on exactly this.
 */
public enum Dialect {

	SQLITE, POSTGRESQL;

	/**
	 * Dialect of an open connection, read from its metadata.
	 * @param connection a connection to an open-webui database
	 * @return its dialect
	 * @throws SQLException if the metadata cannot be read
	 */
	public static Dialect of(Connection connection) throws SQLException {
		String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
		if (product.contains("sqlite")) {
			return SQLITE;
		}
		if (product.contains("postgres")) {
			return POSTGRESQL;
		}
		throw new IllegalStateException("Unsupported database '" + product
				+ "': open-webui's schema is defined for SQLite and PostgreSQL only");
	}

}
