package io.github.webuimigrations.legacy.migrations;

import java.sql.SQLException;

import io.github.webuimigrations.legacy.LegacyMigration;
import io.github.webuimigrations.legacy.LegacyMigrator;

import static io.github.webuimigrations.legacy.Field.bigIntegerField;
import static io.github.webuimigrations.legacy.Field.textField;

/**
 * {@code 014_add_files}: the {@code file} table.
 */
public class V014__add_files extends LegacyMigration {

	@Override
	protected void upgrade(LegacyMigrator migrator) throws SQLException {
		migrator.createModel("file", textField("id").unique(), textField("user_id"), textField("filename"),
				textField("meta"), bigIntegerField("created_at"));
	}

	@Override
	protected void rollback(LegacyMigrator migrator) throws SQLException {
		migrator.removeModel("file");
	}

}
