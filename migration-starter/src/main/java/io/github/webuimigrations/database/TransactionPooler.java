package io.github.webuimigrations.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * Recognizes a pooler between the application and PostgreSQL that lends a server session per
 * transaction (PgBouncer's {@code pool_mode = transaction} or {@code statement}). What lives in a
 * session does not survive there: the migration lock (a session-level advisory lock), the search
 * path of {@code DATABASE_SCHEMA}, the driver's named statements. The test needs two client
 * connections and no server support: a direct or session-pooled connection keeps its server
 * session (its backend pid) between transactions, and two client connections never share one.
 * Plain statements only: a named statement is what fails first behind such a pooler.
 *
 * @author webui-migrations
 */
public final class TransactionPooler {

	private TransactionPooler() {
	}

	/**
	 * Whether a connection of the data source reaches PostgreSQL through a transaction pooler.
	 * @param connection an open connection of the data source, in auto-commit
	 * @param dataSource the data source, for a second connection
	 * @return whether server sessions are lent per transaction
	 * @throws SQLException on a database error
	 */
	public static boolean between(Connection connection, DataSource dataSource) throws SQLException {
		long first = backendPid(connection);
		try (Connection other = dataSource.getConnection()) {
			boolean autoCommit = other.getAutoCommit();
			other.setAutoCommit(false);
			long others;
			try {
				// the other connection holds a server session for its transaction: a pooler lends it
				// the session the first just gave back, and the first then gets another one
				others = backendPid(other);
			}
			catch (SQLException ex) {
				// PgBouncer's statement pooling ends a connection that opens a transaction
				if (String.valueOf(ex.getMessage()).contains("not allowed in statement pooling mode")) {
					return true;
				}
				throw ex;
			}
			try {
				long again = backendPid(connection);
				return others == first || again != first;
			}
			finally {
				other.rollback();
				other.setAutoCommit(autoCommit);
			}
		}
	}

	/**
	 * The one-line refusal for a transaction pooler.
	 * @param operation what was refused, e.g. {@code migrate to head}
	 * @return the message
	 */
	public static String refusal(String operation) {
		return "Cannot " + operation + " through a pooler that lends PostgreSQL sessions per transaction (PgBouncer "
				+ "pool_mode=transaction or statement): the migration lock and the schema setting live in a session. "
				+ "Nothing was changed. Point the migrations at the server itself or at a session-mode pool: "
				+ "webui.migrations.database-url (WEBUI_MIGRATIONS_DATABASE_URL) for the migrations alone, or DATABASE_URL";
	}

	private static long backendPid(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT pg_backend_pid()")) {
			result.next();
			return result.getLong(1);
		}
	}

}
