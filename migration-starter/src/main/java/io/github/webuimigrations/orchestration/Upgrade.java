package io.github.webuimigrations.orchestration;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.webuimigrations.MigrationBlockedException;
import io.github.webuimigrations.MigrationException;
import io.github.webuimigrations.MigrationInfo;
import io.github.webuimigrations.MigrationListener;
import io.github.webuimigrations.MigrationState;
import io.github.webuimigrations.MigrationTarget;
import io.github.webuimigrations.MigrationTier;
import io.github.webuimigrations.PreflightFinding;
import io.github.webuimigrations.SchemaStatus;
import io.github.webuimigrations.Tier;
import io.github.webuimigrations.database.ReadOnlyDatabase;
import io.github.webuimigrations.database.WebuiDatabase;
import io.github.webuimigrations.drift.SchemaDrift;
import io.github.webuimigrations.revisioned.OpenWebuiReleases;

/**
 * A {@code migrate} under the migration lock: the state read afresh (another instance may have
 * migrated while this one waited), a database ahead of us checked, what open-webui left
 * half-done found, every blocking check of the pending migrations made before anything changes,
 * the backup taken, the repairs made, then the tiers walked in order, each applying what is
 * pending of it up to the target. A tier with nothing pending is not started at all: Flyway and
 * Liquibase each cost a changelog, a validation and a lock round.
 *
 * @author webui-migrations
 */
final class Upgrade {

	private static final Log logger = LogFactory.getLog(Upgrade.class);

	private final WebuiDatabase database;

	private final List<MigrationTier> tiers;

	private final MigrationRun run;

	private final MigrationListener listener;

	private final DatabaseBackups backups;

	private final DriftReports drift;

	Upgrade(WebuiDatabase database, List<MigrationTier> tiers, MigrationRun run, MigrationListener listener,
			DatabaseBackups backups, DriftReports drift) {
		this.database = database;
		this.tiers = tiers;
		this.run = run;
		this.listener = listener;
		this.backups = backups;
		this.drift = drift;
	}

	void run(MigrationTarget target) {
		String readOnly = readOnly();
		if (readOnly == null) {
			this.tiers.forEach(MigrationTier::clearStaleLocks);
		}
		List<MigrationInfo> before = SchemaInfo.read(this.tiers, false);
		SchemaStatus status = SchemaStatus.of(before);
		if (status.level() == SchemaStatus.Level.AHEAD) {
			SchemaDrift drift = this.drift.checkAhead(before);
			this.run.started(MigrationRun.Phase.MIGRATING, before);
			logger.warn("The database is ahead of this version (" + DriftReports.unknown(before) + "); its schema holds "
					+ "everything open-webui " + OpenWebuiReleases.STARTER + "'s has" + (drift.isEmpty() ? "" : ", and more")
					+ ": nothing migrated, running on it (webui.migrations.ahead=tolerate)");
			this.run.succeeded();
			return;
		}
		// what open-webui left half-done, found by the schema and data (never for a legacy target)
		List<PreflightFinding> halfDone = new ArrayList<>();
		if (!(target instanceof MigrationTarget.Legacy) && !(target instanceof MigrationTarget.Base)) {
			this.tiers.forEach((tier) -> halfDone.addAll(tier.halfDone()));
		}
		warnOfPossibleRepairs(halfDone);
		halfDone.removeIf((finding) -> finding.impact() == PreflightFinding.Impact.POSSIBLE_REPAIR);
		List<MigrationTier> pending = this.tiers.stream().filter((tier) -> tier.pendingUpTo(before, target)).toList();
		if (pending.isEmpty() && halfDone.isEmpty()) {
			this.run.started(MigrationRun.Phase.MIGRATING, before);
			logger.info(((target instanceof MigrationTarget.Head) ? "Database is up to date" : "Nothing to migrate up to " + target)
					+ ": legacy tier at " + status.legacyVersion() + ", revision " + status.revision() + " (open-webui "
					+ status.openWebuiVersion() + ")");
			this.run.succeeded();
			return;
		}
		if (readOnly != null) {
			MigrationException refused = new MigrationException("The database is " + readOnly + ": nothing was "
					+ "migrated, " + pendingCount(before, pending) + " pending. Point DATABASE_URL at the primary "
					+ "(writable) server, or run this instance with WEBUI_MIGRATIONS_MODE=validate "
					+ "(webui.migrations.mode), which only reads");
			this.run.started(MigrationRun.Phase.MIGRATING, before);
			throw refused;
		}
		refuseIfBlocked(pending, target, halfDone);
		long backupStart = System.nanoTime();
		Path backup = this.backups.beforeUpgrade(backupLabel(status));
		long backupMillis = (System.nanoTime() - backupStart) / 1_000_000;
		this.run.started(MigrationRun.Phase.MIGRATING, before);
		if (backup != null) {
			this.run.backedUp(backup.toString());
		}
		long start = System.nanoTime();
		int repairs = 0;
		for (MigrationTier tier : this.tiers) {
			repairs += tier.repair(halfDone, this.listener);
		}
		int[] applied = new int[Tier.values().length];
		// the legacy tier always completes first, as upstream's peewee stage did before Alembic
		for (MigrationTier tier : pending) {
			this.listener.tierStarted(tier.tier());
			long tierStart = System.nanoTime();
			applied[tier.tier().ordinal()] = tier.migrate(target, this.listener);
			this.listener.tierFinished(tier.tier(), applied[tier.tier().ordinal()],
					Duration.ofNanos(System.nanoTime() - tierStart));
		}
		logger.info("Database migrated to " + target + " (" + applied[Tier.LEGACY.ordinal()] + " legacy migrations, "
				+ applied[Tier.REVISIONED.ordinal()] + " revisions applied"
				+ ((repairs > 0) ? ", " + repairs + " half-done by open-webui repaired" : "") + ") in "
				+ (System.nanoTime() - start) / 1_000_000 + " ms"
				+ ((backup != null) ? "; backup taken before, in " + backupMillis + " ms: " + backup : ""));
		this.run.succeeded();
	}

	/**
	 * Run the blocking checks of every pending migration up to the target before any is
	 * applied: a run that would stop halfway leaves a database no open-webui release had.
	 */
	private void refuseIfBlocked(List<MigrationTier> pending, MigrationTarget target, List<PreflightFinding> halfDone) {
		List<PreflightFinding> blockers = new ArrayList<>(halfDone.stream()
			.filter((finding) -> finding.impact() == PreflightFinding.Impact.BLOCKS)
			.toList());
		pending.forEach((tier) -> blockers.addAll(tier.blockers(target)));
		if (!blockers.isEmpty()) {
			MigrationBlockedException blocked = new MigrationBlockedException(blockers);
			// the endpoint and health name the first migration that would have stopped
			this.run.migrationFailed(blockers.get(0).tier(), blockers.get(0).migration(), blocked);
			throw blocked;
		}
	}

	/** What may be half-done by open-webui, but may as well be a user's doing: one line, nothing changed. */
	private static void warnOfPossibleRepairs(List<PreflightFinding> halfDone) {
		List<String> possible = halfDone.stream()
			.filter((finding) -> finding.impact() == PreflightFinding.Impact.POSSIBLE_REPAIR)
			.map((finding) -> finding.migration() + ": " + finding.problem())
			.toList();
		if (!possible.isEmpty()) {
			logger.warn("Possibly left half-done by open-webui, not repaired: " + String.join(" | ", possible));
		}
	}

	private String readOnly() {
		try {
			return ReadOnlyDatabase.reason(this.database.dataSource());
		}
		catch (SQLException ex) {
			// the tiers' own reads say what is wrong
			return null;
		}
	}

	private static String pendingCount(List<MigrationInfo> before, List<MigrationTier> pending) {
		long count = before.stream().filter((info) -> info.state() == MigrationState.PENDING).count();
		return (count > 0) ? count + " migrations" : "repairs of what open-webui left half-done";
	}

	/** What a backup holds, for its name: the revision, else the legacy migration; none if empty. */
	private static String backupLabel(SchemaStatus status) {
		if (!status.revision().equals("none")) {
			return status.revision();
		}
		return (status.legacyVersion().equals("none") || status.legacyVersion().equals("skipped")) ? null
				: status.legacyVersion().substring(0, 3);
	}

}
