package io.github.webuimigrations.revisioned;

import java.sql.SQLException;

import io.github.webuimigrations.PreflightFindings;
import io.github.webuimigrations.revisioned.op.RevisionOperations;

/**
 * One revision of open-webui's Alembic chain: its id and its {@code upgrade()} and
 * {@code downgrade()} with upstream's guards. Each revision class is named after its upstream
 * file ({@code R242a2047eae0__update_chat_table} for {@code 242a2047eae0_update_chat_table.py})
 * and listed once, in chain order, in {@link Revisions#CHAIN}; Liquibase runs it as one changeSet
 * whose id is the revision id ({@link RevisionChangelog}). What it does to every chat it declares
 * to {@code op.chatRewrite()} in its upgrade, and says how it may share that work
 * ({@link #chatRewriteRole}).
 *
 * @author webui-migrations
 */
public abstract class Revision {

	/**
	 * The revision id.
	 * @return e.g. {@code 242a2047eae0}
	 */
	public final String id() {
		return getClass().getSimpleName().substring(1, 13);
	}

	/**
	 * The upstream file name without {@code .py}.
	 * @return e.g. {@code 242a2047eae0_update_chat_table}
	 */
	public final String fileName() {
		return id() + "_" + getClass().getSimpleName().substring(15);
	}

	/**
	 * What the revision does, in words: its file name's, unless upstream's title is longer.
	 * @return e.g. {@code update chat table}
	 */
	public String title() {
		return getClass().getSimpleName().substring(15).replace('_', ' ');
	}

	/**
	 * Upstream's {@code upgrade()}.
	 * @param op the operations on the revision's connection
	 * @throws SQLException on a database error
	 */
	protected abstract void upgrade(RevisionOperations op) throws SQLException;

	/**
	 * Upstream's {@code downgrade()}.
	 * @param op the operations on the revision's connection
	 * @throws SQLException on a database error
	 */
	protected abstract void downgrade(RevisionOperations op) throws SQLException;

	/**
	 * How this revision takes part in a pass over every chat, on this database, read before
	 * any pending revision runs: the revisions of a run from the first {@code MEMBER} to the
	 * last run as one group, in one transaction, their work on chats done in one pass
	 * ({@link io.github.webuimigrations.revisioned.op.ChatRewrite}). Whatever the role, a
	 * revision's chat work is declared to {@code op.chatRewrite()}; the role only says whether
	 * it may be shared.
	 * @param op the operations of a connection to the database
	 * @return {@link ChatRewriteRole#NONE} unless the revision rewrites every chat
	 * @throws SQLException on a database error
	 */
	public ChatRewriteRole chatRewriteRole(RevisionOperations op) throws SQLException {
		return ChatRewriteRole.NONE;
	}

	/**
	 * Why this revision cannot be downgraded on this database, or {@code null} if it can: a
	 * downgrade that would lose data is refused while there is data to lose.
	 * @param op the operations of a connection to the database
	 * @return the reason
	 * @throws SQLException on a database error
	 */
	public String downgradeRefusal(RevisionOperations op) throws SQLException {
		return null;
	}

	/**
	 * Read the rows this revision will transform, before it runs, and report those it would
	 * stop on, here as in open-webui. Changes nothing. Tables an earlier pending revision
	 * creates may not exist yet. Run for every pending revision before any is applied.
	 * @param op the operations of a connection to the database
	 * @param findings where to report
	 * @throws SQLException on a database error
	 */
	public void blockers(RevisionOperations op, PreflightFindings findings) throws SQLException {
	}

	/**
	 * Read the rows this revision will transform, before it runs, and report those that
	 * open-webui would stop on or lose, which this starter migrates and keeps. Changes
	 * nothing. Tables an earlier pending revision creates may not exist yet.
	 * @param op the operations of a connection to the database
	 * @param findings where to report
	 * @throws SQLException on a database error
	 */
	public void upstreamOnly(RevisionOperations op, PreflightFindings findings) throws SQLException {
	}

	/**
	 * What open-webui left undone of this revision, recognised by the schema and the data, not
	 * by the bookkeeping: on SQLite a failed run keeps its DDL, and the revision's own guard
	 * then skips it on every later start (spec Addendum 3). A state a user's own changes can
	 * also reach is repaired only with the trace that open-webui's failure alone leaves, or on
	 * request ({@code webui.migrations.repair}); without either it is reported, not repaired.
	 * @param op the operations of a connection to the database
	 * @return what looks undone, or {@code null}
	 * @throws SQLException on a database error
	 */
	public HalfApplied halfApplied(RevisionOperations op) throws SQLException {
		return null;
	}

	/**
	 * Do what open-webui left undone, so that the rows are those of a run that never failed,
	 * granting nothing more than their owners had unless asked. Runs in its own transaction,
	 * only when {@link #halfApplied} found something and its trace is there or the repair was
	 * asked for.
	 * @param op the operations of the repair's connection
	 * @param asked whether the user asked for this repair ({@code webui.migrations.repair})
	 * @throws SQLException on a database error
	 */
	public void completeHalfApplied(RevisionOperations op, boolean asked) throws SQLException {
	}

	@Override
	public String toString() {
		return fileName();
	}

	/**
	 * What looks undone of a revision.
	 *
	 * @param state what looks undone, with counts and a few ids
	 * @param trace what only open-webui's failed run leaves, found in this database, or
	 * {@code null} when nothing tells it apart from what a user's own changes leave
	 * @param repair what the repair does
	 */
	public record HalfApplied(String state, String trace, String repair) {
	}

	/**
	 * How a revision takes part in a pass over every chat.
	 */
	public enum ChatRewriteRole {

		/** It does not rewrite every chat (what it declares, if anything, rides along). */
		NONE,

		/** It rewrites every chat and may share the pass with the other members of its run. */
		MEMBER,

		/** It rewrites every chat, but on this database only alone: no revision of the run shares a pass. */
		ALONE

	}

}
