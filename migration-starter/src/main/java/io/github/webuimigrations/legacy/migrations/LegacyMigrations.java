package io.github.webuimigrations.legacy.migrations;

import java.util.List;

import io.github.webuimigrations.legacy.LegacyMigration;

/**
 * The 18 legacy migrations in upstream's order; only these ever existed upstream.
 */
public final class LegacyMigrations {

	private LegacyMigrations() {
	}

	/**
	 * Fresh instances of every legacy migration, {@code 001} first.
	 * @return the migrations
	 */
	/**
	 * The upstream names of the legacy migrations, {@code 001_initial_schema} first.
	 * @return the names
	 */
	public static List<String> names() {
		return all().stream().map(LegacyMigration::upstreamName).toList();
	}

	public static List<LegacyMigration> all() {
		return List.of(new V001__initial_schema(), new V002__add_local_sharing(), new V003__add_auth_api_key(),
				new V004__add_archived(), new V005__add_updated_at(), new V006__migrate_timestamps_and_charfields(),
				new V007__add_user_last_active_at(), new V008__add_memory(), new V009__add_models(),
				new V010__migrate_modelfiles_to_models(), new V011__add_user_settings(), new V012__add_tools(),
				new V013__add_user_info(), new V014__add_files(), new V015__add_functions(),
				new V016__add_valves_and_is_active(), new V017__add_user_oauth_sub(),
				new V018__add_function_is_global());
	}

}
