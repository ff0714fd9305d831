package io.github.webuimigrations.revisioned;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import io.github.webuimigrations.MigrationListener;
import io.github.webuimigrations.RowProgress;
import io.github.webuimigrations.Tier;
import io.github.webuimigrations.database.MigrationLease;
import io.github.webuimigrations.revisioned.chat.ChatPass;
import io.github.webuimigrations.revisioned.op.RevisionOperations;

/**
 * How one run applies revisions: each revision's upgrade, its chat work (in a pass of its own,
 * or in its group's), and the {@code alembic_version} update, on the connection and inside the
 * transaction it is given; and each downgrade. Used alike by the Liquibase change that runs a
 * revision alone and by a one-pass group.
 *
 * @author webui-migrations
 */
final class RevisionExecution {

	private final MigrationListener listener;

	private final int pageSize;

	/** Whether each revision run alone rewrites every chat, by id (from the run's plan). */
	private final Map<String, Boolean> rewritesChat = new HashMap<>();

	RevisionExecution(MigrationListener listener, int pageSize) {
		this.listener = listener;
		this.pageSize = pageSize;
	}

	/** For what only reads, downgrades or computes checksums. */
	static RevisionExecution reading(int pageSize) {
		return new RevisionExecution(MigrationListener.NONE, pageSize);
	}

	MigrationListener listener() {
		return this.listener;
	}

	/**
	 * Say which revisions run alone rewrite every chat, once the run's plan is made.
	 * @param rewritesChat by revision id
	 */
	void plan(Map<String, Boolean> rewritesChat) {
		this.rewritesChat.clear();
		this.rewritesChat.putAll(rewritesChat);
	}

	/**
	 * Apply a revision alone: its chat work in a pass of its own, right after it.
	 * @param connection the revision's connection, in its transaction
	 * @param revision the revision
	 * @throws SQLException on a database error
	 */
	void upgradeAlone(Connection connection, Revision revision) throws SQLException {
		ChatPass pass = new ChatPass(this.rewritesChat.getOrDefault(revision.id(), false));
		upgrade(connection, revision, pass, true);
	}

	/**
	 * Apply a revision, its chat work declared to a pass.
	 * @param connection the revision's connection, in its transaction
	 * @param revision the revision
	 * @param pass the pass its chat work goes to
	 * @param last whether to carry the pass out after this revision
	 * @throws SQLException on a database error
	 */
	void upgrade(Connection connection, Revision revision, ChatPass pass, boolean last) throws SQLException {
		MigrationLease.confirm(connection);
		pass.running(revision.id());
		RevisionOperations op = operations(connection, revision.id(), pass);
		revision.upgrade(op);
		if (last) {
			pass.run(op);
		}
		AlembicVersion.write(op, revision.id());
	}

	/**
	 * Downgrade a revision, refused first if it would lose data.
	 * @param connection the revision's connection, in its transaction
	 * @param revision the revision
	 * @throws SQLException on a database error
	 * @throws DowngradeRefusedException if it cannot be downgraded on this database
	 */
	void downgrade(Connection connection, Revision revision) throws SQLException {
		MigrationLease.confirm(connection);
		RevisionOperations op = operations(connection, revision.id(), null);
		String refusal = revision.downgradeRefusal(op);
		if (refusal != null) {
			throw new DowngradeRefusedException(refusal);
		}
		revision.downgrade(op);
		AlembicVersion.write(op, Revisions.before(revision.id()));
	}

	/**
	 * Complete what open-webui left half-done of a revision, its chat work in a pass of its own.
	 * @param connection the repair's connection, in its transaction
	 * @param revision the revision
	 * @param progress the id progress is reported under
	 * @param asked whether the user asked for this repair
	 * @throws SQLException on a database error
	 */
	void completeHalfApplied(Connection connection, Revision revision, String progress, boolean asked)
			throws SQLException {
		ChatPass pass = new ChatPass(true);
		RevisionOperations op = operations(connection, progress, pass);
		revision.completeHalfApplied(op, asked);
		pass.run(op);
	}

	/**
	 * Operations on a connection for this run.
	 * @param connection the connection
	 * @param id the migration progress is reported under, or {@code null} for none
	 * @param pass the pass chat work goes to, or {@code null} where there is none
	 * @return the operations
	 * @throws SQLException if the dialect cannot be read
	 */
	RevisionOperations operations(Connection connection, String id, ChatPass pass) throws SQLException {
		RowProgress progress = (id != null) ? (done, total) -> this.listener.rowsDone(Tier.REVISIONED, id, done, total)
				: RowProgress.NONE;
		return new RevisionOperations(connection, progress, pass, this.pageSize);
	}

	/** A downgrade that would lose data. */
	static final class DowngradeRefusedException extends SQLException {

		DowngradeRefusedException(String reason) {
			super(reason);
		}

	}

}
