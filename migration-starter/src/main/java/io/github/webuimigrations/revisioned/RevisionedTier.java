package io.github.webuimigrations.revisioned;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import liquibase.ChecksumVersion;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.changelog.ChangeLogHistoryService;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.RanChangeSet;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.executor.Executor;
import liquibase.executor.ExecutorService;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.statement.core.MarkChangeSetRanStatement;
import liquibase.ui.LoggerUIService;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.webuimigrations.MigrationException;
import io.github.webuimigrations.MigrationInfo;
import io.github.webuimigrations.MigrationListener;
import io.github.webuimigrations.MigrationState;
import io.github.webuimigrations.PreflightFinding;
import io.github.webuimigrations.PreflightFindings;
import io.github.webuimigrations.Tier;
import io.github.webuimigrations.database.Dialect;

/**
 * The revisioned tier: open-webui's Alembic revision chain as Liquibase changelogs, one per
 * revision, included in chain order by {@value #MASTER_CHANGELOG}. Each revision runs in its
 * own transaction together with its {@code alembic_version} update and its Liquibase history
 * row, on both dialects: never half-applied, and a crash resumes at the failed revision. The
 * revisions of a run that each rewrite every chat run as one group, in one transaction, with one
 * {@link ChatRewrite}; a crash resumes before the group.
 * Revisions that open-webui's Alembic applied (its {@code alembic_version}) are adopted.
 *
 * @author webui-migrations
 */
public class RevisionedTier {

	/** The master changelog, on the classpath. */
	public static final String MASTER_CHANGELOG = "db/revisions/changelog-master.yaml";

	/** Liquibase scope key under which a run's {@link MigrationListener} reaches each revision. */
	static final String LISTENER_KEY = "webui.migrations.listener";

	/** Alembic's batch operations build a table under this prefix, then rename it. */
	private static final String BATCH_TABLE = "_alembic_tmp_";

	/** Liquibase's history table (unquoted: SQLite ignores the case, PostgreSQL folds it). */
	private static final String HISTORY_TABLE = "DATABASECHANGELOG";

	private static final String LOCK_TABLE = "DATABASECHANGELOGLOCK";

	private static final Log logger = LogFactory.getLog(RevisionedTier.class);

	private final DataSource dataSource;

	private final String schema;

	private final Map<Integer, Map<String, String>> checksums = new ConcurrentHashMap<>();

	private boolean fuseChatRewrites = true;

	private boolean exclusiveRewrite;

	public RevisionedTier(DataSource dataSource, String schema) {
		this.dataSource = dataSource;
		this.schema = (schema == null || schema.isBlank()) ? null : schema;
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
	 * @throws MigrationException if a revision fails; it was rolled back, earlier ones stay
	 */
	public int migrate(String target) {
		return migrate(target, MigrationListener.NONE);
	}

	/**
	 * Apply pending revisions up to and including {@code target}, telling a listener.
	 * @param target a revision id, or {@code null} for the head
	 * @param listener told of each revision and of progress through long data migrations
	 * @return the number of revisions applied
	 * @throws MigrationException if a revision fails; it was rolled back, earlier ones stay
	 */
	public int migrate(String target, MigrationListener listener) {
		return run(listener, (liquibase, database, op) -> {
			liquibase.setChangeExecListener(new RevisionEvents(listener));
			int applied = adopt(liquibase, database, op);
			int wanted = (target != null) ? Revisions.indexOf(target) + 1 : Revisions.CHAIN.size();
			if (wanted <= applied) {
				return 0;
			}
			int[] group = this.fuseChatRewrites ? chatRewriteGroup(op, applied, wanted) : null;
			int reached = applied;
			try {
				if (group != null) {
					if (group[0] > reached) {
						liquibase.update(group[0] - reached, new Contexts(), new LabelExpression());
					}
					runGroup(liquibase, database, group[0], group[1], listener);
					reached = group[1] + 1;
				}
				if (wanted > reached) {
					liquibase.update(wanted - reached, new Contexts(), new LabelExpression());
				}
			}
			catch (GroupFailedException ex) {
				throw new MigrationException("Revisions " + Revisions.CHAIN.get(group[0]).id() + " to "
						+ Revisions.CHAIN.get(group[1]).id() + " (one transaction: they rewrite chat in one pass) failed in "
						+ ex.revision.fileName() + " and were rolled back; the database is at " + describe(group[0]) + ": "
						+ rootMessage(ex.getCause()), ex.getCause());
			}
			catch (Exception ex) {
				int at = countApplied(database);
				throw new MigrationException("Revision " + Revisions.CHAIN.get(at).fileName()
						+ " failed and was rolled back; the database is at " + describe(at) + ": " + rootMessage(ex), ex);
			}
			return wanted - applied;
		});
	}

	/**
	 * Where, among the pending revisions {@code [from, to)}, those that rewrite every chat form a
	 * group to run with one {@link ChatRewrite}.
	 */
	private static int[] chatRewriteGroup(RevisionOperations op, int from, int to) throws SQLException {
		List<String> pending = Revisions.CHAIN.subList(from, to).stream().map(Revision::id).toList();
		int[] group = ChatRewrite.group(pending);
		if (group == null || !op.hasTable("chat")) {
			return null;
		}
		boolean messages = pending.subList(group[0], group[1] + 1).contains("8452d01d26d7");
		if (messages && (op.hasTable("chat_message") || !ChatRewrite.chatIdsAllowIt(op))) {
			// the pass could not tell which messages the table would hold: one revision at a time
			return null;
		}
		return new int[] { from + group[0], from + group[1] };
	}

	/**
	 * Apply the revisions {@code first..last} in one transaction on Liquibase's connection, their
	 * rewrites of chat left to one {@link ChatRewrite} run after the last, each recorded in
	 * {@code alembic_version} and Liquibase's history as Liquibase records a changeSet. Each is
	 * reported finished when its work is done, the last after the commit; a failure reports the
	 * group rolled back whole.
	 */
	private void runGroup(Liquibase liquibase, Database database, int first, int last, MigrationListener listener)
			throws Exception {
		ChangeLogHistoryService history = Scope.getCurrentScope()
			.getSingleton(ChangeLogHistoryServiceFactory.class)
			.getChangeLogService(database);
		history.init();
		Map<String, ChangeSet> changeSets = new HashMap<>();
		liquibase.getDatabaseChangeLog().getChangeSets().forEach((changeSet) -> changeSets.put(changeSet.getId(), changeSet));
		// the history rows without the commit that setExecType makes after each: one transaction
		Executor executor = Scope.getCurrentScope().getSingleton(ExecutorService.class).getExecutor("jdbc", database);
		Connection connection = ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
		boolean autoCommit = connection.getAutoCommit();
		// outside any transaction: a journal mode cannot change inside one
		connection.setAutoCommit(true);
		RewriteJournal journal = (this.exclusiveRewrite && Dialect.of(connection) == Dialect.SQLITE)
				? RewriteJournal.enter(connection, this.dataSource) : RewriteJournal.UNCHANGED;
		connection.setAutoCommit(false);
		ChatRewrite rewrite = new ChatRewrite();
		Revision current = null;
		long lastStart = 0;
		try {
			for (int index = first; index <= last; index++) {
				current = Revisions.CHAIN.get(index);
				String id = current.id();
				long start = System.nanoTime();
				listener.migrationStarted(Tier.REVISIONED, id, current.fileName());
				RevisionOperations op = new RevisionOperations(connection,
						(done, total) -> listener.rowsDone(Tier.REVISIONED, id, done, total), rewrite);
				rewrite.running(current);
				current.upgrade(op);
				if (index == last) {
					rewrite.run(op);
				}
				AlembicVersion.write(op, id);
				executor.execute(new MarkChangeSetRanStatement(changeSets.get(id), ChangeSet.ExecType.EXECUTED));
				if (index < last) {
					listener.migrationFinished(Tier.REVISIONED, id, Duration.ofNanos(System.nanoTime() - start));
				}
				lastStart = start;
			}
			database.commit();
		}
		catch (Exception ex) {
			database.rollback();
			// an index left for after the pass names the revision that asked for it
			Revision failed = (ex instanceof ChatRewrite.DeferredIndexException index) ? Revisions.byId(index.revision())
					: current;
			listener.migrationFailed(Tier.REVISIONED, failed.id(), ex);
			throw new GroupFailedException(failed, ex);
		}
		finally {
			connection.setAutoCommit(true);
			journal.close();
			connection.setAutoCommit(autoCommit);
			history.reset();
		}
		// the pass and the commit that writes its pages: counted with the revision that ran them
		listener.migrationFinished(Tier.REVISIONED, current.id(), Duration.ofNanos(System.nanoTime() - lastStart));
	}

	/** A revision of a group failed; the group was rolled back. */
	private static final class GroupFailedException extends Exception {

		private final transient Revision revision;

		GroupFailedException(Revision revision, Exception cause) {
			super(cause);
			this.revision = revision;
		}

	}

	/**
	 * Whether a run fuses the revisions that each rewrite every chat into one pass over the
	 * table ({@link ChatRewrite}); on by default.
	 * @param fuse {@code false} to apply them one at a time, each in its own transaction
	 */
	public void setFuseChatRewrites(boolean fuse) {
		this.fuseChatRewrites = fuse;
	}

	/**
	 * Whether a one-pass chat rewrite on SQLite may take the database for itself: the pool is
	 * suspended while it runs so that the file can leave WAL for it ({@link RewriteJournal});
	 * off by default.
	 * @param exclusive {@code true} when nothing else in the application needs the database
	 * while it migrates
	 */
	public void setExclusiveRewrite(boolean exclusive) {
		this.exclusiveRewrite = exclusive;
	}

	/**
	 * Downgrade applied revisions, newest first, until {@code target} is the last applied.
	 * Refused before anything changes if a revision in the way cannot be downgraded.
	 * @param target a revision id, or {@code null} for before the first revision
	 * @return the number of revisions downgraded
	 */
	public int rollback(String target) {
		return run(MigrationListener.NONE, (liquibase, database, op) -> {
			int applied = adopt(liquibase, database, op);
			int keep = (target != null) ? Revisions.indexOf(target) + 1 : 0;
			for (int index = applied - 1; index >= keep; index--) {
				String refusal = Revisions.CHAIN.get(index).downgradeRefusal(op);
				if (refusal != null) {
					throw new MigrationException("Downgrade to " + describe(keep) + " refused: " + refusal);
				}
			}
			if (keep >= applied) {
				return 0;
			}
			try {
				liquibase.rollback(applied - keep, null, new Contexts(), new LabelExpression());
			}
			catch (Exception ex) {
				throw new MigrationException("Downgrade failed and was rolled back; the database is at "
						+ describe(countApplied(database)) + ": " + rootMessage(ex), ex);
			}
			return applied - keep;
		});
	}

	/**
	 * Every revision with its state.
	 * @return the revisions in chain order
	 */
	public List<MigrationInfo> info() {
		return info(true);
	}

	/**
	 * Every revision with its state, comparing recorded checksums or not.
	 * @param compareChecksums whether to compare each recorded checksum with this version's
	 * (the first comparison parses the changelog once; a migration's own check skips it)
	 * @return the revisions in chain order
	 */
	public List<MigrationInfo> info(boolean compareChecksums) {
		// plain SQL, not Liquibase: cheap enough for health probes, and no log lines per call
		try (Connection connection = connection()) {
			RevisionOperations op = new RevisionOperations(connection);
			Map<String, Ran> ran = readHistory(op);
			String alembic = AlembicVersion.read(op);
			int adoptedUpTo = (alembic != null) ? Revisions.indexOf(alembic) : -1;
			boolean alembicKnownOrAbsent = alembic == null || adoptedUpTo >= 0;
			List<MigrationInfo> infos = new ArrayList<>();
			for (int i = 0; i < Revisions.CHAIN.size(); i++) {
				Revision revision = Revisions.CHAIN.get(i);
				Ran row = ran.remove(revision.id());
				MigrationState state;
				if (row != null && alembicKnownOrAbsent && i > adoptedUpTo) {
					// recorded by us but undone since (alembic_version is behind or empty): pending again
					state = MigrationState.PENDING;
				}
				else if (row != null) {
					state = "MARK_RAN".equals(row.execType()) ? MigrationState.ADOPTED : MigrationState.APPLIED;
				}
				else {
					state = (i <= adoptedUpTo) ? MigrationState.ADOPTED : MigrationState.PENDING;
				}
				infos.add(new MigrationInfo(Tier.REVISIONED, revision.id(), revision.fileName(), state,
						(row != null) ? row.executed() : null, null, (row != null) ? row.checksum() : null,
						compareChecksums && row != null && row.checksum() != null
								&& !row.checksum().equals(checksum(revision.id(), row.checksum()))));
			}
			// what the database holds beyond this version's chain
			for (Ran row : ran.values()) {
				infos.add(new MigrationInfo(Tier.REVISIONED, row.id(), "recorded by Liquibase, not in this version",
						MigrationState.UNKNOWN, row.executed(), null, row.checksum(), false));
			}
			if (alembic != null && adoptedUpTo < 0) {
				infos.add(new MigrationInfo(Tier.REVISIONED, alembic, "in alembic_version, not in this version",
						MigrationState.UNKNOWN, null, null, null, false));
			}
			return infos;
		}
		catch (SQLException ex) {
			throw new MigrationException("Cannot read the revisioned tier's history: " + rootMessage(ex), ex);
		}
	}

	private Map<String, Ran> readHistory(RevisionOperations op) throws SQLException {
		Map<String, Ran> ran = new LinkedHashMap<>();
		if (!hasLiquibaseTable(op, HISTORY_TABLE)) {
			return ran;
		}
		try (Statement select = op.connection().createStatement();
				ResultSet rows = select.executeQuery("SELECT ID, EXECTYPE, DATEEXECUTED, MD5SUM FROM " + HISTORY_TABLE
						+ " ORDER BY ORDEREXECUTED")) {
			while (rows.next()) {
				Timestamp executed = rows.getTimestamp(3);
				ran.put(rows.getString(1), new Ran(rows.getString(1), rows.getString(2),
						(executed != null) ? executed.toInstant() : null, rows.getString(4)));
			}
		}
		return ran;
	}

	/** Liquibase names its tables in capitals; PostgreSQL folds them to lower case. */
	private static boolean hasLiquibaseTable(RevisionOperations op, String table) throws SQLException {
		return op.tableNames().stream().anyMatch((name) -> name.equalsIgnoreCase(table));
	}

	/** This version's checksum of a revision's changeSet, in the checksum version of the one recorded. */
	private String checksum(String id, String recorded) {
		int colon = recorded.indexOf(':');
		int version;
		try {
			version = (colon > 0) ? Integer.parseInt(recorded.substring(0, colon)) : ChecksumVersion.latest().getVersion();
		}
		catch (NumberFormatException ex) {
			return null;
		}
		return this.checksums.computeIfAbsent(version, this::computeChecksums).get(id);
	}

	private Map<String, String> computeChecksums(int version) {
		ChecksumVersion checksumVersion = ChecksumVersion.enumFromChecksumVersion(version);
		return run(MigrationListener.NONE, (liquibase, database, op) -> {
			Map<String, String> sums = new HashMap<>();
			for (ChangeSet changeSet : liquibase.getDatabaseChangeLog().getChangeSets()) {
				sums.put(changeSet.getId(), changeSet
					.generateCheckSum((checksumVersion != null) ? checksumVersion : ChecksumVersion.latest())
					.toString());
			}
			return sums;
		});
	}

	private Connection connection() throws SQLException {
		Connection connection = this.dataSource.getConnection();
		if (this.schema != null && Dialect.of(connection) == Dialect.POSTGRESQL) {
			connection.setSchema(this.schema);
		}
		return connection;
	}

	private record Ran(String id, String execType, Instant executed, String checksum) {
	}

	/**
	 * Read the data that the pending revisions will transform and list the rows that would
	 * stop them, or that open-webui would stop on or lose.
	 * @return the findings, in chain order
	 */
	public List<PreflightFinding> preflight() {
		return check(null, true);
	}

	/**
	 * Read the data that the pending revisions up to a target will transform and list the
	 * rows that would stop them. Changes nothing.
	 * @param target the last revision to check, or {@code null} for all
	 * @return the findings, in chain order
	 */
	public List<PreflightFinding> blockers(String target) {
		return check(target, false);
	}

	private List<PreflightFinding> check(String target, boolean upstreamOnly) {
		List<PreflightFinding> found = new ArrayList<>();
		List<MigrationInfo> infos = info(false);
		int end = (target != null) ? Revisions.indexOf(target) : Revisions.CHAIN.size() - 1;
		try (Connection connection = connection()) {
			RevisionOperations op = new RevisionOperations(connection);
			for (MigrationInfo info : infos) {
				if (info.state() == MigrationState.PENDING && Revisions.indexOf(info.id()) <= end) {
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
			throw new MigrationException("Preflight of the revisioned tier failed: " + rootMessage(ex), ex);
		}
		return found;
	}

	/**
	 * What open-webui left half-done, recognised by the schema and the data (spec Addendum 3):
	 * an empty {@code _alembic_tmp_<table>} beside its table (a non-empty one blocks: it may
	 * hold the only copy of rows), and each revision whose data step upstream's guard skipped.
	 * Changes nothing.
	 * @return the findings: {@code REPAIR} for what {@link #repair} completes, {@code BLOCKS}
	 * for what a person must look at
	 */
	public List<PreflightFinding> halfApplied() {
		List<PreflightFinding> found = new ArrayList<>();
		try (Connection connection = connection()) {
			RevisionOperations op = new RevisionOperations(connection);
			Set<String> tables = op.tableNames();
			for (String table : tables) {
				if (table.startsWith(BATCH_TABLE) && tables.contains(table.substring(BATCH_TABLE.length()))) {
					PreflightFindings findings = new PreflightFindings(Tier.REVISIONED, "batch", found);
					if (op.strings("SELECT count(*) FROM " + RevisionOperations.quote(table)).get(0).equals("0")) {
						findings.repair(table, "an empty table left by a failed rebuild of "
								+ table.substring(BATCH_TABLE.length()) + " (open-webui fails on it at every start); "
								+ "migrate drops it");
					}
					else {
						findings.blocks(table, "(table)", "a table left by a failed rebuild of "
								+ table.substring(BATCH_TABLE.length()) + " holds rows; compare them with that table, "
								+ "keep what is missing there, then drop " + table);
					}
				}
			}
			for (Revision revision : Revisions.CHAIN) {
				String undone = revision.halfApplied(op);
				if (undone != null) {
					new PreflightFindings(Tier.REVISIONED, revision.id(), found).repair("(data)", undone);
				}
			}
		}
		catch (SQLException ex) {
			throw new MigrationException("Reading what open-webui left half-done failed: " + rootMessage(ex), ex);
		}
		return found;
	}

	/**
	 * Complete what open-webui left half-done, each repair in its own transaction. The caller
	 * holds the migration lock and has just read the findings under it.
	 * @param halfDone what {@link #halfApplied} found; only its {@code REPAIR} findings are acted on
	 * @param listener told of each repair and of progress through its rows
	 * @return how many repairs were made
	 */
	public int repair(List<PreflightFinding> halfDone, MigrationListener listener) {
		int repaired = 0;
		for (PreflightFinding finding : halfDone) {
			if (finding.impact() != PreflightFinding.Impact.REPAIR) {
				continue;
			}
			String id = "repair " + finding.migration();
			listener.migrationStarted(Tier.REVISIONED, id, finding.problem());
			long start = System.nanoTime();
			try (Connection connection = connection()) {
				connection.setAutoCommit(false);
				try {
					RevisionOperations op = new RevisionOperations(connection,
							(done, total) -> listener.rowsDone(Tier.REVISIONED, id, done, total));
					if (finding.migration().equals("batch")) {
						op.dropTable(finding.table());
					}
					else {
						Revisions.byId(finding.migration()).completeHalfApplied(op);
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
						+ ") failed and was rolled back: " + rootMessage(ex), ex);
			}
			listener.migrationFinished(Tier.REVISIONED, id, Duration.ofNanos(System.nanoTime() - start));
			repaired++;
		}
		return repaired;
	}

	/**
	 * Clear Liquibase's own lock row if a killed process left it set (Liquibase would
	 * otherwise wait five minutes, then fail, on every start). Only for a caller that holds
	 * the {@link io.github.webuimigrations.orchestration.MigrationLock}, which dies with its
	 * holder: then no other instance can be inside Liquibase.
	 */
	public void releaseStaleLock() {
		try (Connection connection = connection()) {
			RevisionOperations op = new RevisionOperations(connection);
			if (!hasLiquibaseTable(op, LOCK_TABLE)) {
				return;
			}
			List<String> holder = op.strings("SELECT LOCKEDBY FROM " + LOCK_TABLE + " WHERE ID = 1 AND LOCKED = TRUE");
			if (!holder.isEmpty()) {
				op.execute("UPDATE " + LOCK_TABLE + " SET LOCKED = FALSE, LOCKGRANTED = NULL, LOCKEDBY = NULL WHERE ID = 1");
				if (!connection.getAutoCommit()) {
					connection.commit();
				}
				logger.warn("Released Liquibase's lock left by " + holder.get(0)
						+ ": that process is gone (no instance holds the migration lock)");
			}
		}
		catch (SQLException ex) {
			throw new MigrationException("Cannot release Liquibase's stale lock: " + rootMessage(ex), ex);
		}
	}

	/**
	 * The current revision as {@code alembic_version} records it.
	 * @return the revision id, or {@code null}
	 */
	public String current() {
		try (Connection connection = connection()) {
			return AlembicVersion.read(new RevisionOperations(connection));
		}
		catch (SQLException ex) {
			throw new MigrationException("Cannot read alembic_version: " + rootMessage(ex), ex);
		}
	}

	/**
	 * Record revisions that open-webui's Alembic applied as ran, so they are not run again.
	 * @return the number of revisions in the database
	 */
	private int adopt(Liquibase liquibase, Database database, RevisionOperations op) throws Exception {
		String alembic = AlembicVersion.read(op);
		Map<String, RanChangeSet> recorded = ranChangeSets(database);
		List<String> unknown = recorded.keySet().stream().filter((id) -> Revisions.find(id) == null).sorted().toList();
		if (!unknown.isEmpty()) {
			throw new MigrationException("Liquibase's history records " + String.join(", ", unknown)
					+ ", not a revision of this version's chain: a newer version of this starter or another tool "
					+ "migrated this database; refusing to touch it");
		}
		int applied = recorded.size();
		if (alembic == null) {
			if (applied > 0) {
				String last = Revisions.CHAIN.get(applied - 1).id();
				throw new MigrationException("alembic_version is empty, but this starter's history records revisions "
						+ "up to " + last + ": open-webui downgraded the database or alembic_version was removed. If the "
						+ "schema is at " + last + ", restore it (INSERT INTO alembic_version VALUES ('" + last
						+ "')); if open-webui downgraded it, remove the later rows from DATABASECHANGELOG");
			}
			return applied;
		}
		int index = Revisions.indexOf(alembic);
		if (index < 0) {
			throw new MigrationException("alembic_version is at revision " + alembic
					+ ", which is not in this version's chain (" + Revisions.CHAIN.size() + " revisions up to "
					+ Revisions.CHAIN.get(Revisions.CHAIN.size() - 1).id()
					+ "): the database was migrated by a newer open-webui or by a fork");
		}
		if (index + 1 < applied) {
			// open-webui's Alembic downgraded after us (our own runs keep both records in one transaction):
			// the schema is where alembic_version says, so forget what was undone and migrate again from there
			List<String> undone = Revisions.CHAIN.subList(index + 1, applied).stream().map(Revision::id).toList();
			try (PreparedStatement forget = op.connection()
				.prepareStatement("DELETE FROM " + HISTORY_TABLE + " WHERE ID = ?")) {
				for (String id : undone) {
					forget.setString(1, id);
					forget.addBatch();
				}
				forget.executeBatch();
			}
			database.commit();
			logger.warn("alembic_version is at " + alembic + " but this starter's history went up to "
					+ undone.get(undone.size() - 1) + ": open-webui downgraded the database; forgot " + undone.size()
					+ " revisions, which will be applied again");
			return index + 1;
		}
		if (index + 1 > applied) {
			ChangeLogHistoryService history = Scope.getCurrentScope()
				.getSingleton(ChangeLogHistoryServiceFactory.class)
				.getChangeLogService(database);
			history.init();
			List<ChangeSet> changeSets = liquibase.getDatabaseChangeLog().getChangeSets();
			Map<String, RanChangeSet> ran = ranChangeSets(database);
			for (ChangeSet changeSet : changeSets.subList(0, index + 1)) {
				if (!ran.containsKey(changeSet.getId())) {
					history.setExecType(changeSet, ChangeSet.ExecType.MARK_RAN);
				}
			}
			database.commit();
			logger.info("Adopted revisions up to " + alembic + ", applied by open-webui's Alembic");
			return index + 1;
		}
		return applied;
	}

	private static int countApplied(Database database) throws Exception {
		return ranChangeSets(database).size();
	}

	private static Map<String, RanChangeSet> ranChangeSets(Database database) throws Exception {
		ChangeLogHistoryService history = Scope.getCurrentScope()
			.getSingleton(ChangeLogHistoryServiceFactory.class)
			.getChangeLogService(database);
		history.reset();
		Map<String, RanChangeSet> ran = new HashMap<>();
		for (RanChangeSet row : history.getRanChangeSets()) {
			ran.put(row.getId(), row);
		}
		return ran;
	}

	private <T> T run(MigrationListener listener, Work<T> work) {
		try (Connection connection = this.dataSource.getConnection()) {
			Database database = DatabaseFactory.getInstance()
				.findCorrectDatabaseImplementation(new JdbcConnection(connection));
			if (this.schema != null && !database.getShortName().equals("sqlite")) {
				database.setDefaultSchemaName(this.schema);
				connection.setSchema(this.schema);
			}
			RevisionOperations op = new RevisionOperations(connection);
			// no usage reports (a migration host may have no network), and output to the log, not the console
			Map<String, Object> scope = Map.of("liquibase.analytics.enabled", false, "liquibase.showBanner", false,
					"liquibase.command.showSummaryOutput", "LOG", Scope.Attr.ui.name(), new LoggerUIService(), LISTENER_KEY,
					listener);
			List<T> result = new ArrayList<>(1);
			Scope.child(scope, () -> {
				Liquibase liquibase = new Liquibase(MASTER_CHANGELOG,
						new ClassLoaderResourceAccessor(getClass().getClassLoader()), database);
				result.add(work.run(liquibase, database, op));
			});
			return result.get(0);
		}
		catch (MigrationException ex) {
			throw ex;
		}
		catch (Exception ex) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof MigrationException migration) {
					throw migration;
				}
			}
			throw new MigrationException("The revisioned tier failed: " + rootMessage(ex), ex);
		}
	}

	private static String describe(int applied) {
		return (applied == 0) ? "the start of the revisioned tier" : Revisions.CHAIN.get(applied - 1).fileName();
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		return message.lines().findFirst().orElse(message).strip();
	}

	@FunctionalInterface
	private interface Work<T> {

		T run(Liquibase liquibase, Database database, RevisionOperations op) throws Exception;

	}

}
