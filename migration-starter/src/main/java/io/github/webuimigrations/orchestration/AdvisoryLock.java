package io.github.webuimigrations.orchestration;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32;

import javax.sql.DataSource;

import io.github.webuimigrations.MigrationException;
import io.github.webuimigrations.database.MigrationLease;
import io.github.webuimigrations.database.Sql;
import io.github.webuimigrations.database.TransactionPooler;

/**
 * The migration lock on PostgreSQL: a session-level advisory lock held by a connection of its
 * own, released when that session ends. Each migration confirms it in its own transaction
 * ({@link #lease}) and holds a barrier (shared) until it commits; a next holder takes the barrier
 * before reading the history, so a migration begun under a holder whose session ended is
 * committed or rolled back before anyone looks.
 *
 * @author webui-migrations
 */
final class AdvisoryLock implements MigrationLock.Held {

	private final Connection connection;

	private final long key;

	private final long barrier;

	private final long pid;

	private final ReentrantLock inThisJvm;

	private AdvisoryLock(Connection connection, long key, long barrier, long pid, ReentrantLock inThisJvm) {
		this.connection = connection;
		this.key = key;
		this.barrier = barrier;
		this.pid = pid;
		this.inThisJvm = inThisJvm;
	}

	/**
	 * Take the lock on a connection of its own, waiting for another holder.
	 * @param connection the lock's connection, closed when the lock is
	 * @param dataSource its data source, for the pooler check's second connection
	 * @param wait how to wait
	 * @param operation what the lock is for, for messages
	 * @return the held lock
	 * @throws SQLException on a database error
	 */
	static AdvisoryLock take(Connection connection, DataSource dataSource, LockWait wait, String operation)
			throws SQLException {
		if (TransactionPooler.between(connection, dataSource)) {
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
		ReentrantLock inThisJvm = LockWait.inThisJvm(database + "/" + what);
		boolean[] holds = new boolean[1];
		try {
			wait.until(what, operation, () -> {
				if (!holds[0]) {
					if (!inThisJvm.tryLock()) {
						return false;
					}
					holds[0] = tryLock(connection, key);
					if (!holds[0]) {
						inThisJvm.unlock();
						return false;
					}
				}
				// a migration that began under a holder whose session ended holds the barrier
				// (shared) until its transaction ends: wait, then read the history it committed
				if (!tryLock(connection, barrier)) {
					return false;
				}
				unlock(connection, barrier);
				return true;
			}, () -> holderOf(connection, holds[0] ? barrier : key));
		}
		catch (RuntimeException | SQLException ex) {
			if (holds[0]) {
				new AdvisoryLock(connection, key, barrier, 0, inThisJvm).close();
			}
			throw ex;
		}
		long pid = Long.parseLong(Sql.strings(connection, "SELECT pg_backend_pid()").get(0));
		return new AdvisoryLock(connection, key, barrier, pid, inThisJvm);
	}

	/**
	 * An advisory lock key of the starter's.
	 * @param name what it locks
	 * @return the key
	 */
	static long key(String name) {
		CRC32 crc = new CRC32();
		crc.update(name.getBytes(StandardCharsets.UTF_8));
		// a fixed high half keeps clear of Flyway's keys (which hash its history table's name)
		return (0x7765627569L << 24) ^ crc.getValue();
	}

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
					throw new MigrationException("Lost the migration lock: its session (PostgreSQL backend " + this.pid
							+ ") ended while this instance was migrating; stopped before committing more, another "
							+ "instance may go on. Run migrate again: it resumes where the database is");
				}
			}
		}
	}

	@Override
	public void close() {
		try {
			unlock(this.connection, this.key);
		}
		catch (SQLException ex) {
			// closing the session below releases it anyway
		}
		finally {
			MigrationLock.closeQuietly(this.connection);
			this.inThisJvm.unlock();
		}
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

	private static boolean tryLock(Connection connection, long key) throws SQLException {
		try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
			lock.setLong(1, key);
			try (ResultSet result = lock.executeQuery()) {
				result.next();
				return result.getBoolean(1);
			}
		}
	}

	private static void unlock(Connection connection, long key) throws SQLException {
		try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
			unlock.setLong(1, key);
			unlock.execute();
		}
	}

}
