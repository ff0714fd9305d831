package io.github.webuimigrations.orchestration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.github.webuimigrations.MigrationException;
import io.github.webuimigrations.MigrationInfo;
import io.github.webuimigrations.MigrationState;
import io.github.webuimigrations.MigrationTier;
import io.github.webuimigrations.SchemaStatus;

/**
 * Both tiers' migrations as the database records them, with what this process knows better
 * laid over them: a migration it is applying or failed to apply, the time each of its own took
 * (Liquibase keeps none). And the words of a failed validation.
 *
 * @author webui-migrations
 */
final class SchemaInfo {

	private SchemaInfo() {
	}

	/**
	 * Every migration of the tiers, in order, as recorded.
	 * @param tiers the tiers
	 * @param compareChecksums whether to compare recorded checksums with this version's
	 * @return the migrations
	 */
	static List<MigrationInfo> read(List<MigrationTier> tiers, boolean compareChecksums) {
		List<MigrationInfo> infos = new ArrayList<>();
		tiers.forEach((tier) -> infos.addAll(tier.info(compareChecksums)));
		return infos;
	}

	/**
	 * Every migration of the tiers with what this process's run knows laid over it.
	 * @param tiers the tiers
	 * @param run this process's run
	 * @return the migrations
	 */
	static List<MigrationInfo> read(List<MigrationTier> tiers, MigrationRun run) {
		List<MigrationInfo> infos = read(tiers, true);
		MigrationRun.Snapshot snapshot = run.snapshot();
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
	 * Refuse a database that is not up to date, naming why.
	 * @param status its status
	 * @throws MigrationException naming what is not up to date (what makes it ahead first)
	 */
	static void requireUpToDate(SchemaStatus status) {
		if (status.isUpToDate()) {
			return;
		}
		List<String> problems = new ArrayList<>(status.problems());
		problems.sort(Comparator.comparing((problem) -> !problem.endsWith("not part of this version")));
		throw new MigrationException("The database is not up to date (" + status.level().name().toLowerCase() + "): "
				+ String.join("; ", problems.subList(0, Math.min(5, problems.size())))
				+ ((problems.size() > 5) ? "; and " + (problems.size() - 5) + " more" : ""));
	}

}
