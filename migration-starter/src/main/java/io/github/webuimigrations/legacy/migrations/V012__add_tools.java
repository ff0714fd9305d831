package io.github.webuimigrations.legacy.migrations;

import java.sql.SQLException;

import io.github.webuimigrations.legacy.LegacyMigration;
import io.github.webuimigrations.legacy.LegacyMigrator;

import static io.github.webuimigrations.legacy.Field.bigIntegerField;
import static io.github.webuimigrations.legacy.Field.textField;

/**
 * {@code 012_add_tools}: the {@code tool} table.
 */
public class V012__add_tools extends LegacyMigration {

	@Override
	protected void upgrade(LegacyMigrator migrator) throws SQLException {
		migrator.createModel("tool", textField("id").unique(), textField("user_id"), textField("name"),
				textField("content"), textField("specs"), textField("meta"), bigIntegerField("created_at"),
				bigIntegerField("updated_at"));
	}

	@Override
	protected void rollback(LegacyMigrator migrator) throws SQLException {
		migrator.removeModel("tool");
	}

}
