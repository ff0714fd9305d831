package io.github.webuimigrations.legacy.migrations;

import java.sql.SQLException;

import io.github.webuimigrations.legacy.LegacyMigration;
import io.github.webuimigrations.legacy.LegacyMigrator;

import static io.github.webuimigrations.legacy.Field.textField;

/**
 * {@code 017_add_user_oauth_sub}: {@code user.oauth_sub}, nullable and unique.
 */
public class V017__add_user_oauth_sub extends LegacyMigration {

	@Override
	protected void upgrade(LegacyMigrator migrator) throws SQLException {
		migrator.addFields("user", textField("oauth_sub").nullable().unique());
	}

	@Override
	protected void rollback(LegacyMigrator migrator) throws SQLException {
		migrator.removeFields("user", "oauth_sub");
	}

}
