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
 * @author webui-migrations
 */
public record MigrationInfo(Tier tier, String id, String description, MigrationState state, Instant installedOn,
		Integer executionTimeMillis) {

	/**
	 * Whether this migration is in the database.
	 * @return true if applied or adopted
	 */
	public boolean isApplied() {
		return this.state == MigrationState.APPLIED || this.state == MigrationState.ADOPTED;
	}

}
