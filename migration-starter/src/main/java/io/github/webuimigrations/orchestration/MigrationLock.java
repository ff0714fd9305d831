package io.github.webuimigrations.orchestration;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.webuimigrations.MigrationException;
import io.github.webuimigrations.database.Dialect;
import io.github.webuimigrations.database.Failures;
import io.github.webuimigrations.database.MigrationLease;
import io.github.webuimigrations.database.TransactionPooler;

/**
 * One lock over both tiers, so that of several instances starting at once one migrates and
 * the others wait, then find nothing to do. It dies with its holder, so a killed instance
 * never leaves a lock behind: a session-level advisory lock on PostgreSQL (held by a
 * connection of its own, released when that session ends), an OS file lock on
 * {@code <database>.migration-lock} beside a SQLite file (released when the process ends).
 * Each migration confirms the lock in its own transaction ({@link MigrationLease}): a PostgreSQL
 * session can end while its process lives on.
 *
 * @author webui-migrations
 */
public class MigrationLock {

	private static final Log logger = LogFactory.getLog(MigrationLock.class);

	/** Threads of one JVM queue here first: a JVM cannot take an OS file lock twice. */
	private static final Map<String, ReentrantLock> LOCAL = new ConcurrentHashMap<>();

	private static final long POLL_MILLIS = 250;

	private final DataSource dataSource;

	private final Duration timeout;

	private final Duration logInterval;

	/**
	 * Create the lock of a database.
	 * @param dataSource the open-webui database
	 * @param timeout how long to wait for another instance before giving up
	 */
	public MigrationLock(DataSource dataSource, Duration timeout) {
		this(dataSource, timeout, Duration.ofSeconds(10));
	}

	MigrationLock(DataSource dataSource, Duration timeout, Duration logInterval) {
		this.dataSource = dataSource;
		this.timeout = timeout;
		this.logInterval = logInterval;
	}

	/**
	 * Take the lock, waiting for another holder up to the timeout.
	 * @param operation what the lock is for, for the log
	 * @return the held lock, to close when done
	 * @throws MigrationException if the timeout passes first
	 */
	public Held acquire(String operation) {
		Connection connection = null;
		try {
			connection = this.dataSource.getConnection();
			Held held = (Dialect.of(connection) == Dialect.POSTGRESQL) ? advisoryLock(connection, operation)
					: fileLock(sqliteFile(connection), operation);
			if (!(held instanceof AdvisoryLock)) {
				connection.close();
			}
			return held;
		}
		catch (SQLException ex) {
			closeQuietly(connection);
			throw new MigrationException("Cannot take the migration lock: " + Failures.rootMessage(ex), ex);
		}
		catch (RuntimeException ex) {
			closeQuietly(connection);
			throw ex;
		}
	}

	private Held advisoryLock(Connection connection, String operation) throws SQLException {
		if (TransactionPooler.between(connection, this.dataSource)) {
			throw new MigrationException(TransactionPooler.refusal(operation));
		}
		String schema;
		String database;
		try (PreparedStatement select = connection.prepareStatement("SELECT current_schema(), current_database()");
				ResultSet result = select.executeQuery()) {
			result.next();
			schema = result.getString(1);
			database = result.getString(2);
		}
		// advisory locks are the database's own: the key names the schema only
		long key = key("webui-migrations:" + schema);
		long barrier = key("webui-migrations-barrier:" + schema);
		String what = "PostgreSQL advisory lock " + key + " (schema " + schema + ")";
		ReentrantLock local = LOCAL.computeIfAbsent(database + "/" + what, (name) -> new ReentrantLock());
		boolean[] holds = new boolean[1];
		try {
			waitFor(what, operation, () -> {
				if (!holds[0]) {
					if (!local.tryLock()) {
						return false;
					}
					holds[0] = tryAdvisoryLock(connection, key);
					if (!holds[0]) {
						local.unlock();
						return false;
					}
				}
				// a migration that began under a holder whose session ended holds the barrier
				// (shared) until its transaction ends: wait, then read the history it committed
				if (!tryAdvisoryLock(connection, barrier)) {
					return false;
				}
				advisoryUnlock(connection, barrier);
				return true;
			}, () -> holderOf(connection, holds[0] ? barrier : key));
		}
		catch (RuntimeException | SQLException ex) {
			if (holds[0]) {
				new AdvisoryLock(connection, key, barrier, 0, local).close();
			}
			throw ex;
		}
		long pid;
		try (PreparedStatement select = connection.prepareStatement("SELECT pg_backend_pid()");
				ResultSet result = select.executeQuery()) {
			result.next();
			pid = result.getLong(1);
		}
		return new AdvisoryLock(connection, key, barrier, pid, local);
	}

	/**
	 * Who holds a lock, for the waiting line: a session left by a stalled network or a hung
	 * process keeps it until the server drops it, and this names the backend to end.
	 */
	private static String holderOf(Connection connection, long key) {
		try (PreparedStatement select = connection.prepareStatement("SELECT a.pid, a.client_addr, a.state, "
				+ "a.state_change FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = "
				+ "'advisory' AND l.granted AND l.classid::bigint = ? AND l.objid::bigint = ? AND l.objsubid = 1 "
				+ "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) LIMIT 1")) {
			select.setLong(1, key >>> 32);
			select.setLong(2, key & 0xFFFFFFFFL);
			try (ResultSet result = select.executeQuery()) {
				if (!result.next()) {
					return "";
				}
				// another role's session shows its pid only, without pg_read_all_stats
				StringBuilder holder = new StringBuilder(", held by PostgreSQL backend ").append(result.getLong(1));
				if (result.getString(2) != null) {
					holder.append(" from ").append(result.getString(2));
				}
				if (result.getString(3) != null && result.getTimestamp(4) != null) {
					holder.append(", ").append(result.getString(3)).append(" since ")
						.append(result.getTimestamp(4).toInstant());
				}
				return holder.toString();
			}
		}
		catch (SQLException | RuntimeException ex) {
			// only a detail of a log line
			return "";
		}
	}

	private static boolean tryAdvisoryLock(Connection connection, long key) throws SQLException {
		try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
			lock.setLong(1, key);
			try (ResultSet result = lock.executeQuery()) {
				result.next();
				return result.getBoolean(1);
			}
		}
	}

	private static void advisoryUnlock(Connection connection, long key) throws SQLException {
		try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
			unlock.setLong(1, key);
			unlock.execute();
		}
	}

	private Held fileLock(Path database, String operation) throws SQLException {
		Path lockFile = database.resolveSibling(database.getFileName() + ".migration-lock");
		String what = "lock file " + lockFile;
		ReentrantLock local = LOCAL.computeIfAbsent(lockFile.toAbsolutePath().toString(), (name) -> new ReentrantLock());
		FileChannel channel;
		try {
			channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
		}
		catch (IOException ex) {
			throw new MigrationException("Cannot open the migration " + what + ": " + ex.getMessage(), ex);
		}
		FileLock[] taken = new FileLock[1];
		try {
			waitFor(what, operation, () -> {
				if (!local.tryLock()) {
					return false;
				}
				try {
					taken[0] = channel.tryLock();
				}
				catch (OverlappingFileLockException | IOException ex) {
					taken[0] = null;
				}
				if (taken[0] == null) {
					local.unlock();
				}
				return taken[0] != null;
			});
		}
		catch (RuntimeException ex) {
			closeQuietly(channel);
			throw ex;
		}
		return () -> {
			try {
				taken[0].release();
			}
			catch (IOException ex) {
				// closing the channel releases it too
			}
			finally {
				closeQuietly(channel);
				local.unlock();
			}
		};
	}

	private void waitFor(String what, String operation, Attempt attempt) throws SQLException {
		waitFor(what, operation, attempt, () -> "");
	}

	private void waitFor(String what, String operation, Attempt attempt, Holder holder) throws SQLException {
		long start = System.nanoTime();
		long lastLog = 0;
		boolean logged = false;
		while (!attempt.tryOnce()) {
			long now = System.nanoTime();
			long waited = now - start;
			if (waited >= this.timeout.toNanos()) {
				throw new MigrationException("Gave up after " + TimeUnit.NANOSECONDS.toSeconds(waited)
						+ " s waiting for the migration lock (" + what + holder.describe() + ") to " + operation
						+ ": another instance is still migrating this database; let it finish, or raise "
						+ "webui.migrations.lock-timeout");
			}
			if (!logged || now - lastLog >= this.logInterval.toNanos()) {
				logged = true;
				lastLog = now;
				logger.info("Waiting for the migration lock (" + what + holder.describe() + ") to " + operation
						+ ": another instance is migrating; giving up in "
						+ Math.max(0, (this.timeout.toNanos() - waited) / 1_000_000_000L) + " s");
			}
			try {
				Thread.sleep(POLL_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new MigrationException("Interrupted while waiting for the migration lock (" + what + ")", ex);
			}
		}
	}

	private static Path sqliteFile(Connection connection) throws SQLException {
		String url = connection.getMetaData().getURL();
		String path = url.substring(url.indexOf(':', url.indexOf(':') + 1) + 1);
		int query = path.indexOf('?');
		return Path.of((query >= 0) ? path.substring(0, query) : path).toAbsolutePath();
	}

	static long key(String name) {
		CRC32 crc = new CRC32();
		crc.update(name.getBytes(StandardCharsets.UTF_8));
		// a fixed high half keeps clear of Flyway's keys (which hash its history table's name)
		return (0x7765627569L << 24) ^ crc.getValue();
	}

	private static void closeQuietly(AutoCloseable closeable) {
		if (closeable != null) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				// nothing more to do
			}
		}
	}

	/**
	 * A held lock.
	 */
	@FunctionalInterface
	public interface Held extends AutoCloseable {

		/** Release the lock. */
		@Override
		void close();

		/**
		 * The lease each migration confirms while this lock is held.
		 * @return the lease
		 */
		default MigrationLease lease() {
			return new MigrationLease((connection) -> {
			});
		}

	}

	@FunctionalInterface
	private interface Holder {

		String describe();

	}

	@FunctionalInterface
	private interface Attempt {

		boolean tryOnce() throws SQLException;

	}

	private record AdvisoryLock(Connection connection, long key, long barrier, long pid, ReentrantLock local)
			implements Held {

		@Override
		public MigrationLease lease() {
			return new MigrationLease(this::confirm);
		}

		/**
		 * Confirm on a migration's connection that the lock's session still holds the lock; in a
		 * transaction, hold the barrier (shared) until it ends, so a next holder waits for it.
		 */
		private void confirm(Connection work) throws SQLException {
			if (!work.getAutoCommit()) {
				try (PreparedStatement shared = work.prepareStatement("SELECT pg_advisory_xact_lock_shared(?)")) {
					shared.setLong(1, this.barrier);
					shared.execute();
				}
			}
			try (PreparedStatement held = work.prepareStatement("SELECT count(*) FROM pg_locks WHERE locktype = "
					+ "'advisory' AND granted AND mode = 'ExclusiveLock' AND pid = ? AND classid::bigint = ? "
					+ "AND objid::bigint = ? AND objsubid = 1")) {
				held.setLong(1, this.pid);
				held.setLong(2, this.key >>> 32);
				held.setLong(3, this.key & 0xFFFFFFFFL);
				try (ResultSet result = held.executeQuery()) {
					result.next();
					if (result.getLong(1) == 0) {
						throw new MigrationException("Lost the migration lock: its session (PostgreSQL backend "
								+ this.pid + ") ended while this instance was migrating; stopped before committing "
								+ "more, another instance may go on. Run migrate again: it resumes where the "
								+ "database is");
					}
				}
			}
		}

		@Override
		public void close() {
			try {
				advisoryUnlock(this.connection, this.key);
			}
			catch (SQLException ex) {
				// closing the session below releases it anyway
			}
			finally {
				closeQuietly(this.connection);
				this.local.unlock();
			}
		}

	}

}
