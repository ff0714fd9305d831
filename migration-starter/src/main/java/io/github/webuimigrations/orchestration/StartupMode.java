package io.github.webuimigrations.orchestration;

/**
 * What the application does with the database when it starts.
 *
 * @author webui-migrations
 */
public enum StartupMode {

	/** Apply pending migrations of both tiers, then start (upstream's behaviour). */
	MIGRATE,

	/** Change nothing; refuse to start unless every migration is applied and unchanged. */
	VALIDATE,

	/** Change and check nothing (as ENABLE_DB_MIGRATIONS=false). */
	DISABLED,

	/** Apply pending migrations, then close the application: for a Kubernetes Job or init container. */
	MIGRATE_AND_EXIT

}
