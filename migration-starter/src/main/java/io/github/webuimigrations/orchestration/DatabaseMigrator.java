package io.github.webuimigrations.orchestration;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.webuimigrations.MigrationBlockedException;
import io.github.webuimigrations.MigrationException;
import io.github.webuimigrations.MigrationInfo;
import io.github.webuimigrations.MigrationListener;
import io.github.webuimigrations.MigrationState;
import io.github.webuimigrations.PreflightFinding;
import io.github.webuimigrations.SchemaStatus;
import io.github.webuimigrations.Tier;
import io.github.webuimigrations.database.ConnectionCheck;
import io.github.webuimigrations.database.ConnectionTarget;
import io.github.webuimigrations.drift.DriftCheck;
import io.github.webuimigrations.drift.SchemaDrift;
import io.github.webuimigrations.legacy.LegacyTier;
import io.github.webuimigrations.revisioned.OpenWebuiReleases;
import io.github.webuimigrations.revisioned.RevisionedTier;
import io.github.webuimigrations.revisioned.Revisions;

/**
 * Runs open-webui's two migration tiers in upstream's order, the legacy tier first, and
 * reports their state. This is the Java API behind the start-up run, the commands, the
 * actuator endpoint and the health contributor.
 *
 * @author webui-migrations
 */
public class DatabaseMigrator {

	/** How long an instance waits for another one's migration by default. */
	public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofMinutes(10);

	/** How long a drift result is reused while the recorded point stays the same. */
	private static final Duration DRIFT_REUSE = Duration.ofMinutes(10);

	private static final Log logger = LogFactory.getLog(DatabaseMigrator.class);

	private final DataSource dataSource;

	private final ConnectionTarget connectionTarget;

	private final LegacyTier legacyTier;

	private final RevisionedTier revisionedTier;

	private final MigrationRun run = new MigrationRun();

	private final List<MigrationListener> listeners;

	private final MigrationLock lock;

	private final DatabaseBackups backups;

	private final DriftCheck driftCheck;

	private final AheadPolicy ahead;

	private volatile CachedDrift cachedDrift;

	private volatile boolean connectionVerified;

	/**
	 * Create a migrator.
	 * @param dataSource the open-webui database
	 * @param connectionTarget where the settings point, or {@code null} for an application's
	 * own data source (used for clearer connection errors)
	 * @param legacyTier the legacy tier
	 * @param revisionedTier the revisioned tier
	 */
	public DatabaseMigrator(DataSource dataSource, ConnectionTarget connectionTarget, LegacyTier legacyTier,
			RevisionedTier revisionedTier) {
		this(dataSource, connectionTarget, legacyTier, revisionedTier, List.of());
	}

	/**
	 * Create a migrator that tells listeners what it does.
	 * @param dataSource the open-webui database
	 * @param connectionTarget where the settings point, or {@code null}
	 * @param legacyTier the legacy tier
	 * @param revisionedTier the revisioned tier
	 * @param listeners told of each tier, migration and data migration progress
	 */
	public DatabaseMigrator(DataSource dataSource, ConnectionTarget connectionTarget, LegacyTier legacyTier,
			RevisionedTier revisionedTier, List<MigrationListener> listeners) {
		this(dataSource, connectionTarget, legacyTier, revisionedTier, listeners,
				new MigrationLock(dataSource, DEFAULT_LOCK_TIMEOUT));
	}

	/**
	 * Create a migrator that tells listeners what it does and migrates under a lock.
	 * @param dataSource the open-webui database
	 * @param connectionTarget where the settings point, or {@code null}
	 * @param legacyTier the legacy tier
	 * @param revisionedTier the revisioned tier
	 * @param listeners told of each tier, migration and data migration progress
	 * @param lock the lock over both tiers that instances sharing the database take in turn
	 */
	public DatabaseMigrator(DataSource dataSource, ConnectionTarget connectionTarget, LegacyTier legacyTier,
			RevisionedTier revisionedTier, List<MigrationListener> listeners, MigrationLock lock) {
		this(dataSource, connectionTarget, legacyTier, revisionedTier, listeners, lock, DatabaseBackups.NONE);
	}

	/**
	 * Create a migrator that tells listeners what it does, migrates under a lock and backs the
	 * database up before an upgrade.
	 * @param dataSource the open-webui database
	 * @param connectionTarget where the settings point, or {@code null}
	 * @param legacyTier the legacy tier
	 * @param revisionedTier the revisioned tier
	 * @param listeners told of each tier, migration and data migration progress
	 * @param lock the lock over both tiers that instances sharing the database take in turn
	 * @param backups the copies taken before an upgrade ({@link DatabaseBackups#NONE}: none)
	 */
	public DatabaseMigrator(DataSource dataSource, ConnectionTarget connectionTarget, LegacyTier legacyTier,
			RevisionedTier revisionedTier, List<MigrationListener> listeners, MigrationLock lock,
			DatabaseBackups backups) {
		this(dataSource, connectionTarget, legacyTier, revisionedTier, listeners, lock, backups,
				new DriftCheck(dataSource, null, LegacyTier.DEFAULT_HISTORY_TABLE), AheadPolicy.TOLERATE);
	}

	/**
	 * Create a migrator with every part given.
	 * @param dataSource the open-webui database
	 * @param connectionTarget where the settings point, or {@code null}
	 * @param legacyTier the legacy tier
	 * @param revisionedTier the revisioned tier
	 * @param listeners told of each tier, migration and data migration progress
	 * @param lock the lock over both tiers that instances sharing the database take in turn
	 * @param backups the copies taken before an upgrade ({@link DatabaseBackups#NONE}: none)
	 * @param driftCheck compares the live schema with the one the migrations build
	 * @param ahead what to do with a database a newer open-webui migrated
	 */
	public DatabaseMigrator(DataSource dataSource, ConnectionTarget connectionTarget, LegacyTier legacyTier,
			RevisionedTier revisionedTier, List<MigrationListener> listeners, MigrationLock lock,
			DatabaseBackups backups, DriftCheck driftCheck, AheadPolicy ahead) {
		this.lock = lock;
		this.backups = backups;
		this.driftCheck = driftCheck;
		this.ahead = ahead;
		this.dataSource = dataSource;
		this.connectionTarget = connectionTarget;
		this.legacyTier = legacyTier;
		this.revisionedTier = revisionedTier;
		List<MigrationListener> all = new ArrayList<>();
		all.add(this.run);
		all.addAll(listeners);
		this.listeners = List.copyOf(all);
	}

	/**
	 * Apply everything pending in both tiers.
	 * @throws io.github.webuimigrations.MigrationException if a migration fails
	 * @throws io.github.webuimigrations.database.DatabaseSettingsException if the database
	 * cannot be opened
	 */
	public void migrate() {
		migrate(MigrationTarget.HEAD);
	}

	/**
	 * Apply pending migrations up to and including the target.
	 * @param target where to stop
	 */
	public void migrate(MigrationTarget target) {
		try {
			verifyConnection();
			try (MigrationLock.Held held = this.lock.acquire("migrate to " + target)) {
				migrateLocked(target);
			}
		}
		catch (RuntimeException ex) {
			this.run.failed(ex.getMessage());
			String backup = this.run.snapshot().backup();
			if (backup != null) {
				logger.warn("The database was copied to " + backup + " before this run; the restore command "
						+ "(DatabaseMigrator.restore) puts that copy back");
			}
			throw ex;
		}
	}

	private void migrateLocked(MigrationTarget target) {
		// under the lock: what another instance did while we waited is seen here
		this.revisionedTier.releaseStaleLock();
		List<MigrationInfo> before = readInfo(false);
		SchemaStatus status = SchemaStatus.of(before);
		if (status.level() == SchemaStatus.Level.AHEAD) {
			SchemaDrift drift = checkAhead(before, status);
			this.run.started(MigrationRun.Phase.MIGRATING, before);
			logger.warn("The database is ahead of this version (" + unknown(status) + "); its schema holds everything "
					+ "open-webui " + OpenWebuiReleases.STARTER + "'s has" + (drift.isEmpty() ? "" : ", and more")
					+ ": nothing migrated, running on it (webui.migrations.ahead=tolerate)");
			this.run.succeeded();
			return;
		}
		// what open-webui left half-done, found by the schema and data (never for a legacy target)
		List<PreflightFinding> halfDone = (target.tier() == Tier.LEGACY) ? List.of() : this.revisionedTier.halfApplied();
		if (!pendingUpTo(before, target) && halfDone.isEmpty()) {
			this.run.started(MigrationRun.Phase.MIGRATING, before);
			logger.info(((target == MigrationTarget.HEAD) ? "Database is up to date" : "Nothing to migrate up to " + target)
					+ ": legacy tier at " + status.legacyVersion() + ", revision " + status.revision() + " (open-webui "
					+ status.openWebuiVersion() + ")");
			this.run.succeeded();
			return;
		}
		refuseIfBlocked(before, target, halfDone);
		long backupStart = System.nanoTime();
		Path backup = this.backups.beforeUpgrade(backupLabel(status));
		long backupMillis = (System.nanoTime() - backupStart) / 1_000_000;
		this.run.started(MigrationRun.Phase.MIGRATING, before);
		if (backup != null) {
			this.run.backedUp(backup.toString());
		}
		long start = System.nanoTime();
		MigrationListener listener = new Listeners(this.listeners);
		int repairs = this.revisionedTier.repair(halfDone, listener);
		// a tier with nothing pending is not started at all: Flyway and Liquibase each cost a
		// changelog parse, a validation and a lock round on every start otherwise
		int legacy = pending(before, Tier.LEGACY) ? runTier(Tier.LEGACY, listener, () -> this.legacyTier
			.migrate((target.tier() == Tier.LEGACY) ? target.legacyNumber() : null, listener)) : 0;
		int revisions = 0;
		// the legacy tier always completes first, as upstream's peewee stage did before Alembic
		if (target.tier() != Tier.LEGACY && pending(before, Tier.REVISIONED)) {
			revisions = runTier(Tier.REVISIONED, listener, () -> this.revisionedTier.migrate(target.revision(), listener));
		}
		logger.info("Database migrated to " + target + " (" + legacy + " legacy migrations, " + revisions
				+ " revisions applied" + ((repairs > 0) ? ", " + repairs + " half-done by open-webui repaired" : "")
				+ ") in " + (System.nanoTime() - start) / 1_000_000 + " ms"
				+ ((backup != null) ? "; backup taken before, in " + backupMillis + " ms: " + backup : ""));
		this.run.succeeded();
	}

	/** What a backup holds, for its name: the revision, else the legacy migration; none if empty. */
	private static String backupLabel(SchemaStatus status) {
		if (!status.revision().equals("none")) {
			return status.revision();
		}
		return (status.legacyVersion().equals("none") || status.legacyVersion().equals("skipped")) ? null
				: status.legacyVersion().substring(0, 3);
	}

	/**
	 * Run the blocking checks of every pending migration up to the target before any is
	 * applied: a run that would stop halfway leaves a database no open-webui release had.
	 */
	private void refuseIfBlocked(List<MigrationInfo> before, MigrationTarget target, List<PreflightFinding> halfDone) {
		List<PreflightFinding> blockers = new ArrayList<>(halfDone.stream()
			.filter((finding) -> finding.impact() == PreflightFinding.Impact.BLOCKS)
			.toList());
		if (pending(before, Tier.LEGACY)) {
			blockers.addAll(this.legacyTier.blockers((target.tier() == Tier.LEGACY) ? target.legacyNumber() : null));
		}
		if (target.tier() != Tier.LEGACY && pending(before, Tier.REVISIONED)) {
			blockers.addAll(this.revisionedTier.blockers(target.revision()));
		}
		if (!blockers.isEmpty()) {
			MigrationBlockedException blocked = new MigrationBlockedException(blockers);
			// the endpoint and health name the first migration that would have stopped
			this.run.migrationFailed(blockers.get(0).tier(), blockers.get(0).migration(), blocked);
			throw blocked;
		}
	}

	/**
	 * A database ahead of us is used as it is only if the policy tolerates it and its schema
	 * holds everything our head has.
	 */
	private SchemaDrift checkAhead(List<MigrationInfo> infos, SchemaStatus status) {
		String refusal = "The database is ahead of this version, refusing to touch it: " + unknown(status);
		if (this.ahead == AheadPolicy.REFUSE) {
			throw new MigrationException(refusal + " (webui.migrations.ahead=refuse)");
		}
		SchemaDrift drift = drift(infos, status);
		if (!drift.holdsEverythingExpected()) {
			List<SchemaDrift.Difference> lacking = drift.missingOrDifferent();
			throw new MigrationException(refusal + "; and its schema lacks what open-webui " + OpenWebuiReleases.STARTER
					+ "'s has: " + String.join("; ", lacking.stream().limit(5).map(Object::toString).toList())
					+ ((lacking.size() > 5) ? "; and " + (lacking.size() - 5) + " more" : ""));
		}
		return drift;
	}

	private static String unknown(SchemaStatus status) {
		return String.join("; ", status.problems()
			.stream()
			.filter((problem) -> problem.contains("not part of this version"))
			.toList());
	}

	/** Whether a migration up to the target is pending: the run will change something. */
	private static boolean pendingUpTo(List<MigrationInfo> infos, MigrationTarget target) {
		for (MigrationInfo info : infos) {
			if (info.state() != MigrationState.PENDING) {
				continue;
			}
			boolean wanted = (info.tier() == Tier.LEGACY)
					? target.tier() != Tier.LEGACY || Integer.parseInt(info.id()) <= target.legacyNumber()
					: target.tier() == null || (target.tier() == Tier.REVISIONED
							&& Revisions.indexOf(info.id()) <= Revisions.indexOf(target.revision()));
			if (wanted) {
				return true;
			}
		}
		return false;
	}

	private static boolean pending(List<MigrationInfo> infos, Tier tier) {
		return infos.stream().anyMatch((info) -> info.tier() == tier && info.state() == MigrationState.PENDING);
	}

	private int runTier(Tier tier, MigrationListener listener, TierWork work) {
		listener.tierStarted(tier);
		long start = System.nanoTime();
		int applied = work.run();
		listener.tierFinished(tier, applied, Duration.ofNanos(System.nanoTime() - start));
		return applied;
	}

	/**
	 * Roll back applied migrations, newest first, until the target is the last one applied.
	 * Crossing from the revisioned tier into the legacy tier downgrades every revision first.
	 * @param target where to stop ({@code base} for the start of the legacy tier)
	 */
	public void rollback(MigrationTarget target) {
		try {
			verifyConnection();
			try (MigrationLock.Held held = this.lock.acquire("roll back to " + target)) {
				this.revisionedTier.releaseStaleLock();
				this.run.started(MigrationRun.Phase.ROLLING_BACK, readInfo(false));
				if (target.tier() == Tier.REVISIONED) {
					this.revisionedTier.rollback(target.revision());
				}
				else if (target.tier() == Tier.LEGACY) {
					int legacyTarget = (target.legacyNumber() != null) ? target.legacyNumber() : 0;
					// refuse before the revisioned tier is touched, not halfway
					this.legacyTier.checkRollback(legacyTarget);
					this.revisionedTier.rollback(null);
					this.legacyTier.rollback(legacyTarget);
				}
				this.run.succeeded();
			}
		}
		catch (RuntimeException ex) {
			this.run.failed(ex.getMessage());
			throw ex;
		}
	}

	/**
	 * Every migration of both tiers, in order, with its state; a migration this process is
	 * applying or failed to apply shows as running or failed.
	 * @return the migrations
	 */
	public List<MigrationInfo> info() {
		List<MigrationInfo> view = this.run.view();
		if (view != null) {
			// this process is migrating: answer from the run, not from a database in mid-change
			return view;
		}
		verifyConnection();
		List<MigrationInfo> infos = readInfo(true);
		MigrationRun.Snapshot snapshot = this.run.snapshot();
		for (int i = 0; i < infos.size(); i++) {
			MigrationInfo info = infos.get(i);
			String key = MigrationRun.key(info.tier(), info.id());
			if (info.state() == MigrationState.PENDING && snapshot.phase() == MigrationRun.Phase.FAILED
					&& key.equals(snapshot.failedMigration())) {
				infos.set(i, info.withState(MigrationState.FAILED));
			}
			else if (info.executionTimeMillis() == null && snapshot.durations().containsKey(key)) {
				// Liquibase keeps no execution time: what this process measured is the best there is
				infos.set(i, info.withExecutionTime((int) snapshot.durations().get(key).toMillis()));
			}
		}
		return infos;
	}

	/**
	 * Check once that the database opens, straight through the driver, for a one-line
	 * reason naming the setting; later calls (health probes, the page) skip it.
	 */
	private void verifyConnection() {
		if (!this.connectionVerified) {
			ConnectionCheck.verify(this.dataSource, this.connectionTarget);
			this.connectionVerified = true;
		}
	}

	private List<MigrationInfo> readInfo(boolean compareChecksums) {
		List<MigrationInfo> infos = new ArrayList<>(this.legacyTier.info());
		infos.addAll(this.revisionedTier.info(compareChecksums));
		return infos;
	}

	/**
	 * How the database stands against this version's migrations.
	 * @return the status
	 */
	public SchemaStatus status() {
		return SchemaStatus.of(info());
	}

	/**
	 * Check that every migration is applied and unchanged.
	 * @return the status, up to date
	 * @throws MigrationException naming what is not, if anything is not
	 */
	public SchemaStatus validate() {
		SchemaStatus status = status();
		if (!status.isUpToDate()) {
			// what makes a database ahead is named first
			List<String> problems = new ArrayList<>(status.problems());
			problems.sort(Comparator.comparing((problem) -> !problem.endsWith("not part of this version")));
			throw new MigrationException("The database is not up to date (" + status.level().name().toLowerCase()
					+ "): " + String.join("; ", problems.subList(0, Math.min(5, problems.size())))
					+ ((problems.size() > 5) ? "; and " + (problems.size() - 5) + " more" : ""));
		}
		return status;
	}

	/**
	 * Read the data and list every row that would stop a pending migration, or that
	 * open-webui would stop on or lose; nothing is changed.
	 * @return the findings, in migration order
	 */
	public List<PreflightFinding> preflight() {
		verifyConnection();
		List<PreflightFinding> findings = new ArrayList<>(this.legacyTier.preflight());
		findings.addAll(this.revisionedTier.halfApplied());
		findings.addAll(this.revisionedTier.preflight());
		return findings;
	}

	/**
	 * Compare the live schema with the one this starter's migrations build at the database's
	 * recorded point (for a database ahead of us: our head), in a scratch database of the same
	 * dialect. A result is reused for a few minutes while the recorded point stays the same.
	 * @return the drift
	 */
	public SchemaDrift drift() {
		verifyConnection();
		List<MigrationInfo> infos = readInfo(false);
		return drift(infos, SchemaStatus.of(infos));
	}

	/**
	 * Whether this database, ahead of this version, is used as it is: the policy tolerates it
	 * and its schema holds everything our head has.
	 * @return false for a database that is not ahead
	 */
	public boolean aheadTolerated() {
		List<MigrationInfo> infos = readInfo(false);
		SchemaStatus status = SchemaStatus.of(infos);
		return status.level() == SchemaStatus.Level.AHEAD && this.ahead == AheadPolicy.TOLERATE
				&& drift(infos, status).holdsEverythingExpected();
	}

	private SchemaDrift drift(List<MigrationInfo> infos, SchemaStatus status) {
		Integer legacy = status.legacyVersion().equals("skipped") ? null
				: (int) infos.stream().filter((info) -> info.tier() == Tier.LEGACY && info.isApplied()).count();
		String revision = (status.level() == SchemaStatus.Level.AHEAD) ? Revisions.HEAD
				: status.revision().equals("none") ? null : status.revision();
		String point = legacy + "/" + revision;
		CachedDrift cached = this.cachedDrift;
		if (cached != null && cached.point().equals(point) && System.nanoTime() - cached.at() < DRIFT_REUSE.toNanos()) {
			return cached.drift();
		}
		SchemaDrift drift = this.driftCheck.check(legacy, revision);
		this.cachedDrift = new CachedDrift(point, System.nanoTime(), drift);
		return drift;
	}

	/**
	 * The last drift result, if one was computed for the current recorded point recently;
	 * never starts a check.
	 * @return the drift, or {@code null}
	 */
	public SchemaDrift lastDrift() {
		CachedDrift cached = this.cachedDrift;
		return (cached != null && System.nanoTime() - cached.at() < DRIFT_REUSE.toNanos()) ? cached.drift() : null;
	}

	private record CachedDrift(String point, long at, SchemaDrift drift) {
	}

	/**
	 * The copies of the database taken before upgrades, newest first (none for PostgreSQL).
	 * @return the backup files
	 */
	public List<Path> backups() {
		verifyConnection();
		return this.backups.list();
	}

	/**
	 * Put a backup back, under the migration lock: the database's tables become the backup's,
	 * in one transaction.
	 * @param backup a backup file of this database
	 */
	public void restore(Path backup) {
		verifyConnection();
		try (MigrationLock.Held held = this.lock.acquire("restore " + backup.getFileName())) {
			this.backups.restore(backup);
		}
		logger.info("Restored " + backup);
	}

	/**
	 * What this process is doing to the database, or did last.
	 * @return the run's state
	 */
	public MigrationRun.Snapshot run() {
		return this.run.snapshot();
	}

	/**
	 * Parse a target against this migrator's migrations.
	 * @param text the target as written by a user
	 * @return the target
	 */
	public MigrationTarget target(String text) {
		return MigrationTarget.parse(text, this.legacyTier.migrations(), this.revisionedTier.revisions());
	}

	@FunctionalInterface
	private interface TierWork {

		int run();

	}

	/** Tells every listener; one that throws does not stop the run. */
	private record Listeners(List<MigrationListener> all) implements MigrationListener {

		@Override
		public void tierStarted(Tier tier) {
			each((listener) -> listener.tierStarted(tier));
		}

		@Override
		public void tierFinished(Tier tier, int applied, Duration duration) {
			each((listener) -> listener.tierFinished(tier, applied, duration));
		}

		@Override
		public void migrationStarted(Tier tier, String id, String description) {
			each((listener) -> listener.migrationStarted(tier, id, description));
		}

		@Override
		public void migrationFinished(Tier tier, String id, Duration duration) {
			each((listener) -> listener.migrationFinished(tier, id, duration));
		}

		@Override
		public void migrationFailed(Tier tier, String id, Throwable failure) {
			each((listener) -> listener.migrationFailed(tier, id, failure));
		}

		@Override
		public void rowsDone(Tier tier, String id, long done, long total) {
			each((listener) -> listener.rowsDone(tier, id, done, total));
		}

		private void each(Consumer<MigrationListener> call) {
			for (MigrationListener listener : this.all) {
				try {
					call.accept(listener);
				}
				catch (RuntimeException ex) {
					logger.warn("Migration listener " + listener.getClass().getName() + " failed: " + ex);
				}
			}
		}

	}

}
