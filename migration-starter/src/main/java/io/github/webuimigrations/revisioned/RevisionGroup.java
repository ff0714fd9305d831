package io.github.webuimigrations.revisioned;

import java.sql.Connection;
import java.time.Duration;

import javax.sql.DataSource;

import io.github.webuimigrations.MigrationListener;
import io.github.webuimigrations.Tier;
import io.github.webuimigrations.database.Dialect;
import io.github.webuimigrations.revisioned.chat.ChatPass;

/**
 * A one-pass group: the revisions {@code first..last} applied in one transaction on the
 * session's connection, their work on chats left to one {@link ChatPass} carried out after the
 * last, each recorded in {@code alembic_version} and Liquibase's history as Liquibase records a
 * changeSet. Each is reported finished when its work is done, the last after the commit; a
 * failure reports the group rolled back whole.
 *
 * @author webui-migrations
 */
final class RevisionGroup {

	private final LiquibaseSession session;

	private final DataSource dataSource;

	private final boolean exclusive;

	/**
	 * A group runner.
	 * @param session the run's Liquibase session
	 * @param dataSource the pool the session's connection came from
	 * @param exclusive whether a pass on SQLite may take the database for itself
	 * ({@link RewriteJournal})
	 */
	RevisionGroup(LiquibaseSession session, DataSource dataSource, boolean exclusive) {
		this.session = session;
		this.dataSource = dataSource;
		this.exclusive = exclusive;
	}

	/**
	 * Apply the revisions of the chain from {@code first} to {@code last}.
	 * @param first the first one's index
	 * @param last the last one's index
	 * @throws GroupFailedException if one failed; the group was rolled back whole
	 * @throws Exception if the transaction could not be set up or ended
	 */
	void run(int first, int last) throws Exception {
		MigrationListener listener = this.session.execution().listener();
		this.session.prepareHistory();
		Connection connection = this.session.connection();
		boolean autoCommit = connection.getAutoCommit();
		// outside any transaction: a journal mode cannot change inside one
		connection.setAutoCommit(true);
		RewriteJournal journal = (this.exclusive && Dialect.of(connection) == Dialect.SQLITE)
				? RewriteJournal.enter(connection, this.dataSource) : RewriteJournal.UNCHANGED;
		connection.setAutoCommit(false);
		ChatPass pass = new ChatPass(true);
		Revision current = null;
		long lastStart = 0;
		GroupFailedException failed = null;
		try {
			for (int index = first; index <= last; index++) {
				current = Revisions.CHAIN.get(index);
				long start = System.nanoTime();
				listener.migrationStarted(Tier.REVISIONED, current.id(), current.fileName());
				this.session.execution().upgrade(connection, current, pass, index == last);
				this.session.record(current);
				if (index < last) {
					listener.migrationFinished(Tier.REVISIONED, current.id(), Duration.ofNanos(System.nanoTime() - start));
				}
				lastStart = start;
			}
			this.session.commit();
		}
		catch (Exception ex) {
			// SQLite rolls a transaction back itself on some errors (a full disk): then this one
			// fails too, and must not hide the cause
			quietly(ex, this.session::rollbackTransaction);
			// an index left for after the pass names the revision that asked for it
			Revision revision = (ex instanceof ChatPass.DeferredIndexException index)
					? Revisions.byId(index.revision()) : current;
			listener.migrationFailed(Tier.REVISIONED, revision.id(), ex);
			failed = new GroupFailedException(revision, ex);
		}
		// back to how the connection was; a failure here neither hides the group's nor undoes its commit
		Exception cleanup = null;
		cleanup = attempt(cleanup, () -> connection.setAutoCommit(true));
		cleanup = attempt(cleanup, journal::close);
		cleanup = attempt(cleanup, () -> connection.setAutoCommit(autoCommit));
		cleanup = attempt(cleanup, this.session::resetHistory);
		if (failed != null) {
			if (cleanup != null) {
				failed.addSuppressed(cleanup);
			}
			throw failed;
		}
		if (cleanup != null) {
			throw cleanup;
		}
		// the pass and the commit that writes its pages: counted with the revision that ran them
		listener.migrationFinished(Tier.REVISIONED, current.id(), Duration.ofNanos(System.nanoTime() - lastStart));
	}

	private static void quietly(Exception failure, Step step) {
		try {
			step.run();
		}
		catch (Exception ex) {
			failure.addSuppressed(ex);
		}
	}

	private static Exception attempt(Exception earlier, Step step) {
		try {
			step.run();
			return earlier;
		}
		catch (Exception ex) {
			if (earlier != null) {
				earlier.addSuppressed(ex);
				return earlier;
			}
			return ex;
		}
	}

	@FunctionalInterface
	private interface Step {

		void run() throws Exception;

	}

	/** A revision of a group failed; the group was rolled back. */
	static final class GroupFailedException extends Exception {

		private final transient Revision revision;

		GroupFailedException(Revision revision, Exception cause) {
			super(cause);
			this.revision = revision;
		}

		Revision revision() {
			return this.revision;
		}

	}

}
