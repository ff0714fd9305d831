package io.github.webuimigrations.orchestration;

/**
 * Callback that customizes the {@link MigratorConfiguration} the auto-configuration builds the
 * {@link DatabaseMigrator} from, after the {@code webui.migrations.*} properties are applied.
 * Beans of this type are called in order.
 *
 * @author webui-migrations
 */
@FunctionalInterface
public interface DatabaseMigratorCustomizer {

	/**
	 * Customize the configuration.
	 * @param configuration the configuration
	 */
	void customize(MigratorConfiguration configuration);

}
