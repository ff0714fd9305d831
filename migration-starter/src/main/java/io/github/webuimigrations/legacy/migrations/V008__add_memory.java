package io.github.webuimigrations.legacy.migrations;

import java.sql.SQLException;

import io.github.webuimigrations.legacy.LegacyMigration;
import io.github.webuimigrations.legacy.LegacyMigrator;

import static io.github.webuimigrations.legacy.Field.bigIntegerField;
import static io.github.webuimigrations.legacy.Field.charField;
import static io.github.webuimigrations.legacy.Field.textField;

/**
 * {@code 008_add_memory}: the {@code memory} table.
 */
public class V008__add_memory extends LegacyMigration {

	@Override
	protected void upgrade(LegacyMigrator migrator) throws SQLException {
		migrator.createModel("memory", charField("id").unique(), charField("user_id"), textField("content"),
				bigIntegerField("updated_at"), bigIntegerField("created_at"));
	}

	@Override
	protected void rollback(LegacyMigrator migrator) throws SQLException {
		migrator.removeModel("memory");
	}

}
