package io.github.webuimigrations;

import java.time.Duration;

/**
 * Told what a migration run does as it happens: for metrics, progress logging and the
 * state shown by the actuator endpoint and the health contributor. Called on the migrating
 * thread; implementations must be quick and must not throw.
 *
 * @author webui-migrations
 */
public interface MigrationListener {

	/** A listener that ignores everything. */
	MigrationListener NONE = new MigrationListener() {
	};

	/**
	 * A tier starts applying its pending migrations.
	 * @param tier the tier
	 */
	default void tierStarted(Tier tier) {
	}

	/**
	 * A tier has applied its pending migrations.
	 * @param tier the tier
	 * @param applied how many it applied
	 * @param duration how long it took
	 */
	default void tierFinished(Tier tier, int applied, Duration duration) {
	}

	/**
	 * A migration starts.
	 * @param tier its tier
	 * @param id its legacy number or revision id
	 * @param description its upstream name
	 */
	default void migrationStarted(Tier tier, String id, String description) {
	}

	/**
	 * A migration was applied.
	 * @param tier its tier
	 * @param id its legacy number or revision id
	 * @param duration how long it took
	 */
	default void migrationFinished(Tier tier, String id, Duration duration) {
	}

	/**
	 * A migration failed and was rolled back.
	 * @param tier its tier
	 * @param id its legacy number or revision id
	 * @param failure why
	 */
	default void migrationFailed(Tier tier, String id, Throwable failure) {
	}

	/**
	 * A data migration has worked through some of its rows.
	 * @param tier its tier
	 * @param id its legacy number or revision id
	 * @param done rows done so far in its current pass
	 * @param total rows in that pass
	 */
	default void rowsDone(Tier tier, String id, long done, long total) {
	}

}
