package io.github.webuimigrations.orchestration;

/**
 * What to do with a database a newer open-webui (or a fork) has migrated: its
 * {@code alembic_version} names a revision this version does not know.
 *
 * @author webui-migrations
 */
public enum AheadPolicy {

	/**
	 * Start without migrating when the schema still holds everything this version's head has
	 * (extra tables and columns are fine); refuse, naming what is missing, otherwise. As
	 * Flyway and Liquibase tolerate "future" entries.
	 */
	TOLERATE,

	/** Refuse any database ahead of this version, for teams that want lockstep. */
	REFUSE

}
