package io.github.webuimigrations.legacy.migrations;

import java.sql.SQLException;

import io.github.webuimigrations.legacy.LegacyMigration;
import io.github.webuimigrations.legacy.LegacyMigrator;

import static io.github.webuimigrations.legacy.Field.charField;

/**
 * {@code 003_add_auth_api_key}: despite its name, {@code user.api_key}, nullable and unique.
 */
public class V003__add_auth_api_key extends LegacyMigration {

	@Override
	protected void upgrade(LegacyMigrator migrator) throws SQLException {
		migrator.addFields("user", charField("api_key").nullable().unique());
	}

	@Override
	protected void rollback(LegacyMigrator migrator) throws SQLException {
		migrator.removeFields("user", "api_key");
	}

}
