package io.github.webuimigrations.legacy.migrations;

import java.sql.SQLException;

import io.github.webuimigrations.legacy.LegacyMigration;
import io.github.webuimigrations.legacy.LegacyMigrator;

import static io.github.webuimigrations.legacy.Field.booleanField;
import static io.github.webuimigrations.legacy.Field.textField;

/**
 * {@code 016_add_valves_and_is_active}: {@code tool.valves}, {@code function.valves} and
 * {@code function.is_active} (false for existing functions).
 */
public class V016__add_valves_and_is_active extends LegacyMigration {

	@Override
	protected void upgrade(LegacyMigrator migrator) throws SQLException {
		migrator.addFields("tool", textField("valves").nullable());
		migrator.addFields("function", textField("valves").nullable());
		migrator.addFields("function", booleanField("is_active").withDefault(false));
	}

	@Override
	protected void rollback(LegacyMigrator migrator) throws SQLException {
		migrator.removeFields("tool", "valves");
		migrator.removeFields("function", "valves");
		migrator.removeFields("function", "is_active");
	}

}
