package io.github.webuimigrations.legacy.migrations;

import java.sql.SQLException;

import io.github.webuimigrations.legacy.LegacyMigration;
import io.github.webuimigrations.legacy.LegacyMigrator;

import static io.github.webuimigrations.legacy.Field.textField;

/**
 * {@code 013_add_user_info}: {@code user.info}.
 */
public class V013__add_user_info extends LegacyMigration {

	@Override
	protected void upgrade(LegacyMigrator migrator) throws SQLException {
		migrator.addFields("user", textField("info").nullable());
	}

	@Override
	protected void rollback(LegacyMigrator migrator) throws SQLException {
		migrator.removeFields("user", "info");
	}

}
