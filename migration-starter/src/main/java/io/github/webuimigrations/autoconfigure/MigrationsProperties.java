package io.github.webuimigrations.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.github.webuimigrations.legacy.LegacyTier;

/**
 * How and when open-webui's migrations run.
 *
 * @author webui-migrations
 */
@ConfigurationProperties("webui.migrations")
public class MigrationsProperties {

	/**
	 * Whether to migrate the database at start-up (ENABLE_DB_MIGRATIONS).
	 */
	private boolean enabled = true;

	/**
	 * Name of Flyway's history table for the legacy tier (beside peewee's migratehistory).
	 */
	private String legacyHistoryTable = LegacyTier.DEFAULT_HISTORY_TABLE;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getLegacyHistoryTable() {
		return this.legacyHistoryTable;
	}

	public void setLegacyHistoryTable(String legacyHistoryTable) {
		this.legacyHistoryTable = legacyHistoryTable;
	}

}
