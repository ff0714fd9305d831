package io.github.webuimigrations.legacy.migrations;

import java.sql.SQLException;

import io.github.webuimigrations.legacy.LegacyMigration;
import io.github.webuimigrations.legacy.LegacyMigrator;

import static io.github.webuimigrations.legacy.Field.bigIntegerField;

/**
 * {@code 007_add_user_last_active_at}: {@code user.timestamp} becomes {@code created_at},
 * {@code updated_at} and {@code last_active_at}.
 */
public class V007__add_user_last_active_at extends LegacyMigration {

	@Override
	protected void upgrade(LegacyMigrator migrator) throws SQLException {
		migrator.addFields("user", bigIntegerField("created_at").nullable(), bigIntegerField("updated_at").nullable(),
				bigIntegerField("last_active_at").nullable());
		migrator.sql("UPDATE \"user\" SET created_at = timestamp, updated_at = timestamp, "
				+ "last_active_at = timestamp WHERE timestamp IS NOT NULL");
		migrator.removeFields("user", "timestamp");
		migrator.changeFields("user", bigIntegerField("created_at"), bigIntegerField("updated_at"),
				bigIntegerField("last_active_at"));
	}

	@Override
	protected void rollback(LegacyMigrator migrator) throws SQLException {
		migrator.addFields("user", bigIntegerField("timestamp").nullable());
		migrator.sql("UPDATE \"user\" SET timestamp = created_at");
		migrator.removeFields("user", "created_at", "updated_at", "last_active_at");
		migrator.changeFields("user", bigIntegerField("timestamp"));
	}

}
