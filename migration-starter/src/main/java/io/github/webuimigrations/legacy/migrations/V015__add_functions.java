package io.github.webuimigrations.legacy.migrations;

import java.sql.SQLException;

import io.github.webuimigrations.legacy.LegacyMigration;
import io.github.webuimigrations.legacy.LegacyMigrator;

import static io.github.webuimigrations.legacy.Field.bigIntegerField;
import static io.github.webuimigrations.legacy.Field.textField;

/**
 * {@code 015_add_functions}: the {@code function} table.
 */
public class V015__add_functions extends LegacyMigration {

	@Override
	protected void upgrade(LegacyMigrator migrator) throws SQLException {
		migrator.createModel("function", textField("id").unique(), textField("user_id"), textField("name"),
				textField("type"), textField("content"), textField("meta"), bigIntegerField("created_at"),
				bigIntegerField("updated_at"));
	}

	@Override
	protected void rollback(LegacyMigrator migrator) throws SQLException {
		migrator.removeModel("function");
	}

}
