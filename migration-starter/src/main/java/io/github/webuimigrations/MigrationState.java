package io.github.webuimigrations;

/**
 * The state of one migration or revision in a database.
 *
 * @author webui-migrations
 */
public enum MigrationState {

	/** Applied by this starter. */
	APPLIED,

	/** Applied by open-webui itself before this starter managed the database. */
	ADOPTED,

	/** Not applied yet. */
	PENDING,

	/** Being applied by this process right now. */
	RUNNING,

	/** Failed in this process; it was rolled back and is still pending. */
	FAILED,

	/** Not applicable to this database (e.g. the legacy tier of a database upstream built with revisions alone). */
	SKIPPED,

	/** Recorded in the database but not part of this version: applied by a newer version, a fork or by hand. */
	UNKNOWN;

	/**
	 * Whether a migration in this state is in the database.
	 * @return true if applied, adopted or unknown
	 */
	public boolean isInDatabase() {
		return this == APPLIED || this == ADOPTED || this == UNKNOWN;
	}

}
