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
 * session (its backend pid) between transactions, and two client connections never share one;
 * through a transaction pooler the session changes hands (a few rounds, for a busy pooler).
 * Unnamed statements only: a named one is what fails first behind such a pooler.
 *
 * @author webui-migrations
 */
public final class TransactionPooler {

	private static final int ROUNDS = 5;

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
		try (Connection other = dataSource.getConnection()) {
			for (int round = 0; round < ROUNDS; round++) {
				if (lent(connection, other, round)) {
					return true;
				}
			}
			return false;
		}
		catch (SQLException ex) {
			// PgBouncer's statement pooling ends a connection that opens a transaction
			if (String.valueOf(ex.getMessage()).contains("not allowed in statement pooling mode")) {
				return true;
			}
			throw ex;
		}
	}

	/**
	 * One round: the other connection opens a transaction right after the first's statement. A
	 * pooler lends it the session the first just gave back, or lends the first another one next;
	 * a session of its own never changes. Other clients of a busy pooler can take that session
	 * in between, so one round may miss; several rarely all do. The transaction is opened and
	 * ended by text, not by the driver, whose own BEGIN and ROLLBACK are named statements.
	 */
	private static boolean lent(Connection connection, Connection other, int round) throws SQLException {
		long first = backendPid(connection, round + "a");
		execute(other, "BEGIN /* " + round + " */");
		try {
			long others = backendPid(other, round + "b");
			long again = backendPid(connection, round + "c");
			return others == first || again != first;
		}
		finally {
			execute(other, "ROLLBACK /* " + round + " */");
		}
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
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

	private static long backendPid(Connection connection, String tag) throws SQLException {
		// a text of its own each time: the driver turns a text run five times into a named
		// statement, which another client of the pooler may have made on that session already
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT pg_backend_pid() /* " + tag + " */")) {
			result.next();
			return result.getLong(1);
		}
	}

}
