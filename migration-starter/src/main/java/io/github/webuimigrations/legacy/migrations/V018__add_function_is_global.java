package io.github.webuimigrations.legacy.migrations;

import java.sql.SQLException;

import io.github.webuimigrations.legacy.LegacyMigration;
import io.github.webuimigrations.legacy.LegacyMigrator;

import static io.github.webuimigrations.legacy.Field.booleanField;

/**
 * {@code 018_add_function_is_global}: {@code function.is_global}, false for existing
 * functions.
 */
public class V018__add_function_is_global extends LegacyMigration {

	@Override
	protected void upgrade(LegacyMigrator migrator) throws SQLException {
		migrator.addFields("function", booleanField("is_global").withDefault(false));
	}

	@Override
	protected void rollback(LegacyMigrator migrator) throws SQLException {
		migrator.removeFields("function", "is_global");
	}

}
