package io.github.webuimigrations.orchestration;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import io.github.webuimigrations.MigrationException;
import io.github.webuimigrations.database.Dialect;
import io.github.webuimigrations.database.Failures;
import io.github.webuimigrations.database.MigrationLease;

/**
 * One lock over both tiers, so that of several instances starting at once one migrates and
 * the others wait, then find nothing to do. It dies with its holder, so a killed instance
 * never leaves a lock behind: a session-level advisory lock on PostgreSQL (held by a
 * connection of its own, released when that session ends), an OS file lock on
 * {@code <database>.migration-lock} beside a SQLite file (released when the process ends).
 * Each migration confirms the lock in its own transaction ({@link MigrationLease}): a PostgreSQL
 * session can end while its process lives on ({@link AdvisoryLock}).
 *
 * @author webui-migrations
 */
public class MigrationLock {

	private final DataSource dataSource;

	private final LockWait wait;

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
		this.wait = new LockWait(timeout, logInterval);
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
			Held held = (Dialect.of(connection) == Dialect.POSTGRESQL)
					? AdvisoryLock.take(connection, this.dataSource, this.wait, operation)
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

	private Held fileLock(Path database, String operation) throws SQLException {
		Path lockFile = database.resolveSibling(database.getFileName() + ".migration-lock");
		String what = "lock file " + lockFile;
		ReentrantLock local = LockWait.inThisJvm(lockFile.toAbsolutePath().toString());
		FileChannel channel;
		try {
			channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
		}
		catch (IOException ex) {
			throw new MigrationException("Cannot open the migration " + what + ": " + ex.getMessage(), ex);
		}
		FileLock[] taken = new FileLock[1];
		try {
			this.wait.until(what, operation, () -> {
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

	private static Path sqliteFile(Connection connection) throws SQLException {
		String url = connection.getMetaData().getURL();
		String path = url.substring(url.indexOf(':', url.indexOf(':') + 1) + 1);
		int query = path.indexOf('?');
		return Path.of((query >= 0) ? path.substring(0, query) : path).toAbsolutePath();
	}

	static void closeQuietly(AutoCloseable closeable) {
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

}
