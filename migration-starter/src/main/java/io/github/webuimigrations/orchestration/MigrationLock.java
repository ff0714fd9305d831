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

/**
 * One lock over both tiers, so that of several instances starting at once one migrates and
 * the others wait, then find nothing to do. It dies with its holder, so a killed instance
 * never leaves a lock behind: a session-level advisory lock on PostgreSQL (held by a
 * connection of its own, released when that session ends), an OS file lock on
 * {@code <database>.migration-lock} beside a SQLite file (released when the process ends).
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
			throw new MigrationException("Cannot take the migration lock: " + ex.getMessage(), ex);
		}
		catch (RuntimeException ex) {
			closeQuietly(connection);
			throw ex;
		}
	}

	private Held advisoryLock(Connection connection, String operation) throws SQLException {
		String schema;
		try (PreparedStatement select = connection.prepareStatement("SELECT current_schema()");
				ResultSet result = select.executeQuery()) {
			result.next();
			schema = result.getString(1);
		}
		long key = key("webui-migrations:" + schema);
		String what = "PostgreSQL advisory lock " + key + " (schema " + schema + ")";
		ReentrantLock local = LOCAL.computeIfAbsent(what, (name) -> new ReentrantLock());
		waitFor(what, operation, () -> {
			if (!local.tryLock()) {
				return false;
			}
			try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
				lock.setLong(1, key);
				try (ResultSet result = lock.executeQuery()) {
					result.next();
					if (result.getBoolean(1)) {
						return true;
					}
				}
			}
			local.unlock();
			return false;
		});
		return new AdvisoryLock(connection, key, local);
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
		long start = System.nanoTime();
		long lastLog = 0;
		boolean logged = false;
		while (!attempt.tryOnce()) {
			long now = System.nanoTime();
			long waited = now - start;
			if (waited >= this.timeout.toNanos()) {
				throw new MigrationException("Gave up after " + TimeUnit.NANOSECONDS.toSeconds(waited)
						+ " s waiting for the migration lock (" + what + ") to " + operation
						+ ": another instance is still migrating this database; let it finish, or raise "
						+ "webui.migrations.lock-timeout");
			}
			if (!logged || now - lastLog >= this.logInterval.toNanos()) {
				logged = true;
				lastLog = now;
				logger.info("Waiting for the migration lock (" + what + ") to " + operation
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

	private static long key(String name) {
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

	}

	@FunctionalInterface
	private interface Attempt {

		boolean tryOnce() throws SQLException;

	}

	private record AdvisoryLock(Connection connection, long key, ReentrantLock local) implements Held {

		@Override
		public void close() {
			try (PreparedStatement unlock = this.connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
				unlock.setLong(1, this.key);
				unlock.execute();
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
