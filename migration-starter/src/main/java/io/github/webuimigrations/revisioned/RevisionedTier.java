package io.github.webuimigrations.revisioned;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.github.webuimigrations.MigrationException;
import io.github.webuimigrations.MigrationInfo;
import io.github.webuimigrations.MigrationListener;
import io.github.webuimigrations.MigrationState;
import io.github.webuimigrations.MigrationTarget;
import io.github.webuimigrations.MigrationTier;
import io.github.webuimigrations.PreflightFinding;
import io.github.webuimigrations.PreflightFindings;
import io.github.webuimigrations.Tier;
import io.github.webuimigrations.database.Failures;
import io.github.webuimigrations.database.WebuiDatabase;
import io.github.webuimigrations.revisioned.op.RevisionOperations;

/**
 * The revisioned tier: open-webui's Alembic revision chain ({@link Revisions}) run by
 * Liquibase, one changeSet per revision. Each revision runs in its own transaction together
 * with its {@code alembic_version} update and its Liquibase history row, on both dialects:
 * never half-applied, and a crash resumes at the failed revision. The revisions of a run that
 * each rewrite every chat run as one group, in one transaction, with one pass over the chats
 * ({@link RevisionPlan}); a crash resumes before the group. Revisions that open-webui's Alembic
 * applied (its {@code alembic_version}) are adopted.
 *
 * @author webui-migrations
 */
public class RevisionedTier implements MigrationTier {

	private final WebuiDatabase database;

	private final Options options;

	private final RevisionHistory history;

	private final HalfAppliedRevisions halfApplied;

	/**
	 * The tier on a database.
	 * @param database the database
	 * @param options how revisions are run
	 */
	public RevisionedTier(WebuiDatabase database, Options options) {
		this.database = database;
		this.options = options;
		this.history = new RevisionHistory(database);
		this.halfApplied = new HalfAppliedRevisions(database, options.pageSize(), options.repairs());
	}

	@Override
	public Tier tier() {
		return Tier.REVISIONED;
	}

	@Override
	public Set<String> bookkeepingTables() {
		return Set.of(LiquibaseSession.HISTORY_TABLE.toLowerCase(Locale.ROOT),
				LiquibaseSession.LOCK_TABLE.toLowerCase(Locale.ROOT));
	}

	/**
	 * The chain, base first.
	 * @return the revisions
	 */
	public List<Revision> revisions() {
		return Revisions.CHAIN;
	}

	/**
	 * Apply pending revisions up to and including {@code target}.
	 * @param target a revision id, or {@code null} for the head
	 * @return the number of revisions applied
	 */
	public int migrate(String target) {
		return migrate(target, MigrationListener.NONE);
	}

	/**
	 * Apply pending revisions up to and including {@code target}, telling a listener.
	 * @param target a revision id, or {@code null} for the head
	 * @param listener told of each revision and of progress through long data migrations
	 * @return the number of revisions applied
	 */
	public int migrate(String target, MigrationListener listener) {
		return migrate((target != null) ? MigrationTarget.revision(target) : MigrationTarget.HEAD, listener);
	}

	@Override
	public int migrate(MigrationTarget target, MigrationListener listener) {
		int wanted = end(target);
		RevisionExecution execution = new RevisionExecution(listener, this.options.pageSize());
		return LiquibaseSession.open(this.database, execution, (session) -> {
			int applied = AlembicAdoption.adopt(session);
			if (wanted <= applied) {
				return 0;
			}
			RevisionPlan plan = RevisionPlan.of(applied, wanted, session.operations(), this.options.onePassChatRewrite());
			execution.plan(plan.rewritesChat());
			for (RevisionPlan.Step step : plan.steps()) {
				run(session, step);
			}
			return wanted - applied;
		});
	}

	private void run(LiquibaseSession session, RevisionPlan.Step step) throws Exception {
		if (!step.group()) {
			try {
				session.update(step.size(), new RevisionEvents(session.execution().listener()));
			}
			catch (Exception ex) {
				int at = session.ran().size();
				throw new MigrationException("Revision " + Revisions.CHAIN.get(at).fileName()
						+ " failed and was rolled back; the database is at " + describe(at) + ": "
						+ Failures.rootMessage(ex), ex);
			}
			return;
		}
		try {
			new RevisionGroup(session, this.database.dataSource(), this.options.exclusiveChatRewrite())
				.run(step.first(), step.last());
		}
		catch (RevisionGroup.GroupFailedException ex) {
			throw new MigrationException("Revisions " + Revisions.CHAIN.get(step.first()).id() + " to "
					+ Revisions.CHAIN.get(step.last()).id() + " (one transaction: they rewrite chat in one pass) failed in "
					+ ex.revision().fileName() + " and were rolled back; the database is at " + describe(step.first())
					+ ": " + Failures.rootMessage(ex.getCause()), ex.getCause());
		}
	}

	/**
	 * Downgrade applied revisions, newest first, until {@code target} is the last applied.
	 * @param target a revision id, or {@code null} for before the first revision
	 * @return the number of revisions downgraded
	 */
	public int rollback(String target) {
		return rollback((target != null) ? MigrationTarget.revision(target) : MigrationTarget.BASE);
	}

	@Override
	public int rollback(MigrationTarget target) {
		int keep = kept(target);
		if (keep < 0) {
			return 0;
		}
		return LiquibaseSession.open(this.database, RevisionExecution.reading(this.options.pageSize()), (session) -> {
			int applied = AlembicAdoption.adopt(session);
			checkRollback(session.operations(), applied, keep);
			if (keep >= applied) {
				return 0;
			}
			try {
				session.rollback(applied - keep);
			}
			catch (Exception ex) {
				throw new MigrationException("Downgrade failed and was rolled back; the database is at "
						+ describe(session.ran().size()) + ": " + Failures.rootMessage(ex), ex);
			}
			return applied - keep;
		});
	}

	@Override
	public void checkRollback(MigrationTarget target) {
		int keep = kept(target);
		if (keep < 0) {
			return;
		}
		try (Connection connection = this.database.connect()) {
			String current = AlembicVersion.read(new RevisionOperations(connection));
			checkRollback(new RevisionOperations(connection), (current != null) ? Revisions.indexOf(current) + 1 : 0, keep);
		}
		catch (SQLException ex) {
			throw new MigrationException("Cannot check the downgrade: " + Failures.rootMessage(ex), ex);
		}
	}

	private static void checkRollback(RevisionOperations op, int applied, int keep) throws SQLException {
		for (int index = applied - 1; index >= keep; index--) {
			String refusal = Revisions.CHAIN.get(index).downgradeRefusal(op);
			if (refusal != null) {
				throw new MigrationException("Downgrade to " + describe(keep) + " refused: " + refusal);
			}
		}
	}

	/**
	 * Every revision with its state.
	 * @return the revisions in chain order
	 */
	public List<MigrationInfo> info() {
		return info(true);
	}

	@Override
	public List<MigrationInfo> info(boolean compareChecksums) {
		return this.history.info(compareChecksums);
	}

	@Override
	public boolean pendingUpTo(List<MigrationInfo> infos, MigrationTarget target) {
		int end = end(target);
		return infos.stream()
			.anyMatch((info) -> info.tier() == Tier.REVISIONED && info.state() == MigrationState.PENDING
					&& Revisions.indexOf(info.id()) < end);
	}

	@Override
	public List<PreflightFinding> preflight() {
		return check(MigrationTarget.HEAD, true);
	}

	@Override
	public List<PreflightFinding> blockers(MigrationTarget target) {
		return check(target, false);
	}

	private List<PreflightFinding> check(MigrationTarget target, boolean upstreamOnly) {
		List<PreflightFinding> found = new ArrayList<>();
		List<MigrationInfo> infos = info(false);
		int end = end(target);
		try (Connection connection = this.database.connect()) {
			RevisionOperations op = new RevisionOperations(connection);
			for (MigrationInfo info : infos) {
				if (info.state() == MigrationState.PENDING && Revisions.indexOf(info.id()) < end) {
					Revision revision = Revisions.byId(info.id());
					PreflightFindings findings = new PreflightFindings(Tier.REVISIONED, info.id(), found);
					revision.blockers(op, findings);
					if (upstreamOnly) {
						revision.upstreamOnly(op, findings);
					}
				}
			}
		}
		catch (SQLException ex) {
			throw new MigrationException("Preflight of the revisioned tier failed: " + Failures.rootMessage(ex), ex);
		}
		return found;
	}

	@Override
	public List<PreflightFinding> halfDone() {
		return this.halfApplied.find();
	}

	@Override
	public int repair(List<PreflightFinding> halfDone, MigrationListener listener) {
		return this.halfApplied.repair(halfDone, listener);
	}

	@Override
	public void clearStaleLocks() {
		this.history.releaseStaleLock();
	}

	/**
	 * The current revision as {@code alembic_version} records it.
	 * @return the revision id, or {@code null}
	 */
	public String current() {
		return this.history.current();
	}

	/** How many revisions of the chain a run to the target has: all of them beyond the tier, none before it. */
	private static int end(MigrationTarget target) {
		if (target instanceof MigrationTarget.Revision revision) {
			return Revisions.indexOf(revision.id()) + 1;
		}
		return (target instanceof MigrationTarget.Head) ? Revisions.CHAIN.size() : 0;
	}

	/** How many revisions a rollback to the target keeps, or -1 when it does not reach this tier. */
	private static int kept(MigrationTarget target) {
		if (target instanceof MigrationTarget.Revision revision) {
			return Revisions.indexOf(revision.id()) + 1;
		}
		return (target instanceof MigrationTarget.Head) ? -1 : 0;
	}

	private static String describe(int applied) {
		return (applied == 0) ? "the start of the revisioned tier" : Revisions.CHAIN.get(applied - 1).fileName();
	}

	/**
	 * How revisions are run.
	 *
	 * @param onePassChatRewrite whether the revisions of a run that each rewrite every chat share
	 * one pass, in one transaction ({@code false}: one at a time, each in its own)
	 * @param exclusiveChatRewrite whether such a pass on SQLite may take the database for itself
	 * (the pool suspended, a rollback journal instead of WAL)
	 * @param pageSize rows per page of a data migration and per write batch
	 * @param repairs the revisions whose half-done state is repaired even without the trace of
	 * open-webui's failure ({@code webui.migrations.repair})
	 */
	public record Options(boolean onePassChatRewrite, boolean exclusiveChatRewrite, int pageSize, Set<String> repairs) {

		/** One pass, not exclusive, pages of {@value RevisionOperations#DEFAULT_PAGE_SIZE}, no repair asked for. */
		public static final Options DEFAULTS = new Options(true, false, RevisionOperations.DEFAULT_PAGE_SIZE, Set.of());

		public Options {
			repairs = Set.copyOf(repairs);
		}

	}

}
