package io.github.webuimigrations;

import java.util.List;
import java.util.Set;

/**
 * One of open-webui's two migration tiers, as the migrator walks them: the legacy tier first,
 * then the revisioned tier, each applying or rolling back its part of a {@link MigrationTarget}.
 * A tier answers for its own bookkeeping and opens its own connections.
 *
 * @author webui-migrations
 */
public interface MigrationTier {

	/**
	 * Which tier this is.
	 * @return the tier
	 */
	Tier tier();

	/**
	 * The tables of the tier's own bookkeeping that are not part of open-webui's schema (the
	 * tool's history and lock tables), left out when schemas are compared.
	 * @return the table names, lower case
	 */
	Set<String> bookkeepingTables();

	/**
	 * Every migration of the tier with its state, in order, then what the database records
	 * that this version does not know.
	 * @param compareChecksums whether to compare each recorded checksum with this version's
	 * (a migration's own check skips it)
	 * @return the migrations
	 */
	List<MigrationInfo> info(boolean compareChecksums);

	/**
	 * Apply the tier's pending migrations up to the target: all of them for a target beyond
	 * the tier, none for one before it.
	 * @param target where to stop
	 * @param listener told of each migration and of progress through long data migrations
	 * @return how many were applied
	 * @throws MigrationException if one fails; it was rolled back, the earlier ones stay
	 */
	int migrate(MigrationTarget target, MigrationListener listener);

	/**
	 * Whether migrating to the target would apply anything of this tier.
	 * @param infos the tier's migrations as {@link #info} read them
	 * @param target where a run stops
	 * @return whether one of them is pending and not beyond the target
	 */
	boolean pendingUpTo(List<MigrationInfo> infos, MigrationTarget target);

	/**
	 * Refuse, before anything changes, a rollback to the target that crosses a migration of
	 * this tier that cannot be rolled back.
	 * @param target where the rollback stops
	 * @throws MigrationException if refused
	 */
	void checkRollback(MigrationTarget target);

	/**
	 * Roll back the tier's applied migrations, newest first, down to the target: all of them
	 * for a target before the tier, none for one beyond it.
	 * @param target where to stop
	 * @return how many were rolled back
	 * @throws MigrationException if refused or if a rollback fails (that one is undone)
	 */
	int rollback(MigrationTarget target);

	/**
	 * Read the data that the pending migrations up to the target will transform and list the
	 * rows that would stop them. Changes nothing.
	 * @param target where a run stops
	 * @return the findings, in migration order
	 */
	List<PreflightFinding> blockers(MigrationTarget target);

	/**
	 * Read the data that every pending migration will transform and list the rows that would
	 * stop them, or that open-webui would stop on or lose. Changes nothing.
	 * @return the findings, in migration order
	 */
	List<PreflightFinding> preflight();

	/**
	 * What open-webui left half-done in this tier, recognised by the schema and the data.
	 * Changes nothing.
	 * @return {@code REPAIR} findings for what {@link #repair} completes, {@code BLOCKS} for
	 * what a person must look at
	 */
	default List<PreflightFinding> halfDone() {
		return List.of();
	}

	/**
	 * Complete what open-webui left half-done, each repair in its own transaction. The caller
	 * holds the migration lock and has just read the findings under it.
	 * @param halfDone what {@link #halfDone} found; only its {@code REPAIR} findings are acted on
	 * @param listener told of each repair and of progress through its rows
	 * @return how many repairs were made
	 */
	default int repair(List<PreflightFinding> halfDone, MigrationListener listener) {
		return 0;
	}

	/**
	 * Clear what a killed process of the tier's tool left behind (a lock row, say). Only for a
	 * caller that holds the migration lock, which dies with its holder.
	 */
	default void clearStaleLocks() {
	}

}
