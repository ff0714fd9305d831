package io.github.webuimigrations.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * Whether the database can be written, and if not, why: a PostgreSQL hot standby, a server or
 * database in read-only transaction mode, a SQLite file opened read-only. Asked before a
 * migration changes anything, so that a replica gets one line instead of a failure halfway.
 *
 * @author webui-migrations
 */
public final class ReadOnlyDatabase {

	private ReadOnlyDatabase() {
	}

	/**
	 * Why the database cannot be written.
	 * @param dataSource the database
	 * @return the reason, e.g. {@code "a hot standby (pg_is_in_recovery() is true)"}, or
	 * {@code null} when it can be written
	 * @throws SQLException if the database cannot be asked
	 */
	public static String reason(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			if (Dialect.of(connection) == Dialect.POSTGRESQL) {
				try (ResultSet state = statement
					.executeQuery("SELECT pg_is_in_recovery(), current_setting('transaction_read_only')")) {
					state.next();
					if (state.getBoolean(1)) {
						return "a hot standby (pg_is_in_recovery() is true)";
					}
					if ("on".equals(state.getString(2))) {
						return "in read-only transaction mode (transaction_read_only is on: "
								+ "default_transaction_read_only of the server, database or role)";
					}
				}
				return null;
			}
			try (ResultSet queryOnly = statement.executeQuery("PRAGMA query_only")) {
				if (queryOnly.next() && queryOnly.getInt(1) != 0) {
					return "opened read-only (PRAGMA query_only)";
				}
			}
			return connection.isReadOnly() ? "opened read-only" : null;
		}
	}

}
