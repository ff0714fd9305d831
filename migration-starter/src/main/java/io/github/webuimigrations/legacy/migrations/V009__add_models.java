package io.github.webuimigrations.legacy.migrations;

import java.sql.SQLException;

import io.github.webuimigrations.legacy.LegacyMigration;
import io.github.webuimigrations.legacy.LegacyMigrator;

import static io.github.webuimigrations.legacy.Field.bigIntegerField;
import static io.github.webuimigrations.legacy.Field.textField;

/**
 * {@code 009_add_models}: the {@code model} table.
 */
public class V009__add_models extends LegacyMigration {

	@Override
	protected void upgrade(LegacyMigrator migrator) throws SQLException {
		migrator.createModel("model", textField("id").unique(), textField("user_id"),
				textField("base_model_id").nullable(), textField("name"), textField("meta"), textField("params"),
				bigIntegerField("created_at"), bigIntegerField("updated_at"));
	}

	@Override
	protected void rollback(LegacyMigrator migrator) throws SQLException {
		migrator.removeModel("model");
	}

}
