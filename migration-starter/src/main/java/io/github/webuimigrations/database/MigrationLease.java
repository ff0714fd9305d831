package io.github.webuimigrations.database;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A run's hold on the migration lock, confirmed by each migration first thing in its own
 * transaction. On PostgreSQL the lock belongs to a session of its own: should that session end
 * (an administrator, a proxy, a failover) while the run goes on, another instance takes the lock
 * and starts; the run must then stop before it commits anything more. The lease is bound to the
 * thread that runs the migrations while the lock is held; where none is bound (a tier used
 * alone, SQLite's file lock that only dies with the process) confirming does nothing.
 *
 * @author webui-migrations
 */
public final class MigrationLease {

	private static final ThreadLocal<MigrationLease> CURRENT = new ThreadLocal<>();

	private final Check check;

	/**
	 * Create a lease.
	 * @param check confirms the lock on a migration's connection
	 */
	public MigrationLease(Check check) {
		this.check = check;
	}

	/**
	 * Confirm, inside the connection's transaction, that this run still holds the migration lock.
	 * @param connection a migration's connection, in its transaction
	 * @throws SQLException on a database error
	 * @throws io.github.webuimigrations.MigrationException if the lock was lost
	 */
	public static void confirm(Connection connection) throws SQLException {
		MigrationLease lease = CURRENT.get();
		if (lease != null) {
			lease.check.confirm(connection);
		}
	}

	/**
	 * Bind this lease to the current thread until the returned binding is closed.
	 * @return the binding
	 */
	public Binding bind() {
		MigrationLease previous = CURRENT.get();
		CURRENT.set(this);
		return () -> {
			if (previous != null) {
				CURRENT.set(previous);
			}
			else {
				CURRENT.remove();
			}
		};
	}

	/**
	 * Confirms the lock on a migration's connection.
	 */
	@FunctionalInterface
	public interface Check {

		/**
		 * Confirm the lock.
		 * @param connection a migration's connection, in its transaction
		 * @throws SQLException on a database error
		 */
		void confirm(Connection connection) throws SQLException;

	}

	/**
	 * A lease bound to a thread.
	 */
	@FunctionalInterface
	public interface Binding extends AutoCloseable {

		@Override
		void close();

	}

}
