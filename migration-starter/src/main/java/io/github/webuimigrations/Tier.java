package io.github.webuimigrations;

/**
 * The two tiers of open-webui's migrations, run in this order.
 *
 * @author webui-migrations
 */
public enum Tier {

	/** The 18 numbered peewee migrations, reproduced with Flyway. */
	LEGACY,

	/** The Alembic revision chain, reproduced with Liquibase. */
	REVISIONED

}
