package io.github.webuimigrations;

import java.time.Instant;

/**
 * One migration of one tier and its state in a database.
 *
 * @param tier the tier
 * @param id the legacy number ({@code 009}) or revision id
 * @param description the upstream name or message
 * @param state its state
 * @param installedOn when it was applied, or {@code null}
 * @param executionTimeMillis how long it took, or {@code null} if unknown
 * @param checksum the checksum recorded when it was applied, or {@code null}
 * @param changed whether the recorded checksum differs from this version's migration
 * @author webui-migrations
 */
public record MigrationInfo(Tier tier, String id, String description, MigrationState state, Instant installedOn,
		Integer executionTimeMillis, String checksum, boolean changed) {

	/**
	 * Whether this migration is in the database.
	 * @return true if applied or adopted
	 */
	public boolean isApplied() {
		return this.state == MigrationState.APPLIED || this.state == MigrationState.ADOPTED;
	}

	/**
	 * The same migration with an execution time measured elsewhere.
	 * @param millis the time
	 * @return the copy
	 */
	public MigrationInfo withExecutionTime(Integer millis) {
		return new MigrationInfo(this.tier, this.id, this.description, this.state, this.installedOn, millis,
				this.checksum, this.changed);
	}

	/**
	 * The same migration in another state, as seen by this process while it runs.
	 * @param newState the state
	 * @return the copy
	 */
	public MigrationInfo withState(MigrationState newState) {
		return new MigrationInfo(this.tier, this.id, this.description, newState, this.installedOn,
				this.executionTimeMillis, this.checksum, this.changed);
	}

}
