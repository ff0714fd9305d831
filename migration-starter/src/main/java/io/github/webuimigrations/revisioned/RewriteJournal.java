package io.github.webuimigrations.revisioned;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.webuimigrations.database.PoolSuspension;

/**
 * A rollback journal instead of WAL for a one-pass chat rewrite on SQLite. Through a WAL every
 * page of the rebuilt tables is written twice (to the log, then by the checkpoint at commit); a
 * rollback journal keeps only the old content of pages that existed, so the new pages are
 * written once, and the transaction stays atomic (a crash leaves a hot journal that the next
 * connection rolls back). SQLite leaves WAL only on a connection that is the file's only one:
 * the pool is suspended and its idle connections closed; if another connection (another
 * process, a connection another thread holds) keeps the file open, the rewrite goes through the
 * WAL as before. The database is put back into WAL afterwards.
 *
 * @author webui-migrations
 */
final class RewriteJournal implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(RewriteJournal.class);

	/** The journal as it is. */
	static final RewriteJournal UNCHANGED = new RewriteJournal(null, null);

	/** How long to wait for the pool to close its idle connections. */
	private static final long WAIT_NANOS = 3_000_000_000L;

	private final Connection connection;

	private final PoolSuspension suspension;

	private RewriteJournal(Connection connection, PoolSuspension suspension) {
		this.connection = connection;
		this.suspension = suspension;
	}

	/**
	 * Leave WAL on a connection outside any transaction, if the file can be had alone.
	 * @param connection the connection the rewrite runs on, in auto-commit mode
	 * @param dataSource the pool it was borrowed from
	 * @return what to close after the rewrite's transaction has ended
	 */
	static RewriteJournal enter(Connection connection, DataSource dataSource) throws SQLException {
		if (!"wal".equals(journalMode(connection, null))) {
			return UNCHANGED;
		}
		PoolSuspension suspension = PoolSuspension.suspend(dataSource);
		try {
			if ("delete".equals(switchTo(connection, "DELETE", suspension.suspended()))) {
				logger.debug("The one-pass chat rewrite runs with a rollback journal");
				return new RewriteJournal(connection, suspension);
			}
		}
		catch (SQLException ex) {
			// another connection keeps the file open
		}
		suspension.close();
		logger.debug("Another connection has the database open: the one-pass chat rewrite goes through the WAL");
		return UNCHANGED;
	}

	/** Back to WAL, then the pool resumes; a failure leaves it to the pool's next connection. */
	@Override
	public void close() {
		if (this.connection == null) {
			return;
		}
		try {
			switchTo(this.connection, "WAL", true);
		}
		catch (SQLException ex) {
			logger.warn("Could not put the database back into WAL after the chat rewrite (" + ex.getMessage()
					+ "); each new connection of the pool asks for it again");
		}
		finally {
			this.suspension.close();
		}
	}

	/**
	 * Set the journal mode. SQLite answers busy at once, whatever its busy timeout, while another
	 * connection has the file open; with {@code retry}, asked again while the suspended pool's
	 * connections close.
	 */
	private static String switchTo(Connection connection, String mode, boolean retry) throws SQLException {
		long deadline = System.nanoTime() + WAIT_NANOS;
		while (true) {
			try {
				return journalMode(connection, mode);
			}
			catch (SQLException ex) {
				if (!retry || System.nanoTime() > deadline || !busy(ex) || !pause()) {
					throw ex;
				}
			}
		}
	}

	private static String journalMode(Connection connection, String mode) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("PRAGMA journal_mode" + ((mode != null) ? "=" + mode : ""))) {
			return result.next() ? result.getString(1).toLowerCase(Locale.ROOT) : "";
		}
	}

	private static boolean busy(SQLException ex) {
		String message = String.valueOf(ex.getMessage());
		return message.contains("SQLITE_BUSY") || message.contains("database is locked");
	}

	private static boolean pause() {
		try {
			Thread.sleep(10);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
