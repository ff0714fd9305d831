package io.github.webuimigrations.revisioned;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.github.webuimigrations.MigrationException;
import io.github.webuimigrations.MigrationListener;
import io.github.webuimigrations.PreflightFinding;
import io.github.webuimigrations.PreflightFindings;
import io.github.webuimigrations.Tier;
import io.github.webuimigrations.database.Failures;
import io.github.webuimigrations.database.MigrationLease;
import io.github.webuimigrations.database.WebuiDatabase;
import io.github.webuimigrations.revisioned.op.RevisionOperations;

/**
 * What open-webui left half-done in the revisioned tier, recognised by the schema and the data
 * (spec Addendum 3), and its completion: an empty {@code _alembic_tmp_<table>} beside its table
 * (a non-empty one blocks: it may hold the only copy of rows), and each revision whose data step
 * upstream's guard skipped ({@link Revision#halfApplied}). A state is repaired only with the trace
 * that open-webui's failed run alone leaves (a leftover rebuild table is its own), or when the
 * repair is asked for ({@code webui.migrations.repair}); otherwise it is reported as a possible
 * repair, since a user's own changes can leave the same state.
 *
 * @author webui-migrations
 */
final class HalfAppliedRevisions {

	/** Alembic's batch operations build a table under this prefix, then rename it. */
	private static final String BATCH_TABLE = "_alembic_tmp_";

	private static final String BATCH = "batch";

	private final WebuiDatabase database;

	private final int pageSize;

	/** The revisions whose repair the user asked for, trace or not. */
	private final Set<String> asked;

	HalfAppliedRevisions(WebuiDatabase database, int pageSize, Set<String> asked) {
		this.database = database;
		this.pageSize = pageSize;
		this.asked = asked;
	}

	/**
	 * What is half-done. Changes nothing.
	 * @return {@code REPAIR} for what {@link #repair} completes, {@code BLOCKS} for what a
	 * person must look at, {@code POSSIBLE_REPAIR} for what may be a user's own doing
	 */
	List<PreflightFinding> find() {
		List<PreflightFinding> found = new ArrayList<>();
		try (Connection connection = this.database.connect()) {
			RevisionOperations op = new RevisionOperations(connection);
			Set<String> tables = op.tableNames();
			for (String table : tables) {
				if (table.startsWith(BATCH_TABLE) && tables.contains(table.substring(BATCH_TABLE.length()))) {
					leftoverBatchTable(op, table, new PreflightFindings(Tier.REVISIONED, BATCH, found));
				}
			}
			for (Revision revision : Revisions.CHAIN) {
				Revision.HalfApplied undone = revision.halfApplied(op);
				if (undone != null) {
					report(revision.id(), undone, new PreflightFindings(Tier.REVISIONED, revision.id(), found));
				}
			}
		}
		catch (SQLException ex) {
			throw new MigrationException("Reading what open-webui left half-done failed: " + Failures.rootMessage(ex), ex);
		}
		return found;
	}

	/** Repaired with the trace of open-webui's failure, or on request; reported otherwise. */
	private void report(String id, Revision.HalfApplied undone, PreflightFindings findings) {
		if (undone.trace() != null) {
			findings.repair("(data)", undone.state() + "; open-webui's failed run left " + undone.trace() + "; migrate "
					+ undone.repair());
		}
		else if (this.asked.contains(id)) {
			findings.repair("(data)", undone.state() + "; repaired as asked (webui.migrations.repair=" + id + "): migrate "
					+ undone.repair());
		}
		else {
			findings.possibleRepair("(data)", undone.state() + ", but nothing that only open-webui's failed run leaves is "
					+ "there (a user's own changes look the same): nothing is changed. If open-webui's " + id + " failed "
					+ "here, ask for the repair (migrate --repair " + id + ", or webui.migrations.repair=" + id + "): it "
					+ undone.repair());
		}
	}

	private static void leftoverBatchTable(RevisionOperations op, String table, PreflightFindings findings)
			throws SQLException {
		String rebuilt = table.substring(BATCH_TABLE.length());
		if (op.strings("SELECT count(*) FROM " + RevisionOperations.quote(table)).get(0).equals("0")) {
			findings.repair(table, "an empty table left by a failed rebuild of " + rebuilt + " (open-webui fails on it "
					+ "at every start); migrate drops it");
		}
		else {
			findings.blocks(table, "(table)", "a table left by a failed rebuild of " + rebuilt + " holds rows; compare "
					+ "them with that table, keep what is missing there, then drop " + table);
		}
	}

	/**
	 * Complete what is half-done, each repair in its own transaction. The caller holds the
	 * migration lock and has just read the findings under it.
	 * @param halfDone what {@link #find} found; only its {@code REPAIR} findings are acted on
	 * @param listener told of each repair and of progress through its rows
	 * @return how many repairs were made
	 */
	int repair(List<PreflightFinding> halfDone, MigrationListener listener) {
		RevisionExecution execution = new RevisionExecution(listener, this.pageSize);
		int repaired = 0;
		for (PreflightFinding finding : halfDone) {
			if (finding.impact() != PreflightFinding.Impact.REPAIR) {
				continue;
			}
			String id = "repair " + finding.migration();
			listener.migrationStarted(Tier.REVISIONED, id, finding.problem());
			long start = System.nanoTime();
			try (Connection connection = this.database.connect()) {
				connection.setAutoCommit(false);
				try {
					MigrationLease.confirm(connection);
					if (finding.migration().equals(BATCH)) {
						new RevisionOperations(connection).dropTable(finding.table());
					}
					else {
						execution.completeHalfApplied(connection, Revisions.byId(finding.migration()), id,
								this.asked.contains(finding.migration()));
					}
					connection.commit();
				}
				catch (SQLException | RuntimeException ex) {
					connection.rollback();
					throw ex;
				}
			}
			catch (SQLException ex) {
				throw new MigrationException("Repairing what open-webui left half-done (" + finding.problem()
						+ ") failed and was rolled back: " + Failures.rootMessage(ex), ex);
			}
			listener.migrationFinished(Tier.REVISIONED, id, Duration.ofNanos(System.nanoTime() - start));
			repaired++;
		}
		return repaired;
	}

}
