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

	/** Not applicable to this database (e.g. the legacy tier of a database upstream built with revisions alone). */
	SKIPPED

}
