package io.github.webuimigrations.legacy.migrations;

import java.sql.SQLException;

import io.github.webuimigrations.legacy.LegacyMigration;
import io.github.webuimigrations.legacy.LegacyMigrator;

import static io.github.webuimigrations.legacy.Field.bigIntegerField;
import static io.github.webuimigrations.legacy.Field.charField;
import static io.github.webuimigrations.legacy.Field.dateField;
import static io.github.webuimigrations.legacy.Field.textField;

/**
 * {@code 006_migrate_timestamps_and_charfields}: timestamps to BIGINT (for very old
 * databases that had DATE), titles, filename, password and profile image to TEXT. On
 * PostgreSQL the types are already right; on SQLite every change rebuilds its table.
 */
public class V006__migrate_timestamps_and_charfields extends LegacyMigration {

	private static final String[] TIMESTAMPED = { "chatidtag", "document", "modelfile", "prompt", "user" };

	@Override
	protected void upgrade(LegacyMigrator migrator) throws SQLException {
		for (String table : TIMESTAMPED) {
			migrator.changeFields(table, bigIntegerField("timestamp"));
		}
		migrator.changeFields("auth", textField("password"));
		migrator.changeFields("chat", textField("title"));
		migrator.changeFields("document", textField("title"), textField("filename"));
		migrator.changeFields("prompt", textField("title"));
		migrator.changeFields("user", textField("profile_image_url"));
	}

	@Override
	protected void rollback(LegacyMigrator migrator) throws SQLException {
		if (migrator.isSqlite()) {
			for (String table : TIMESTAMPED) {
				migrator.changeFields(table, dateField("timestamp"));
			}
		}
		migrator.changeFields("auth", charField("password"));
		migrator.changeFields("chat", charField("title"));
		migrator.changeFields("document", charField("title"), charField("filename"));
		migrator.changeFields("prompt", charField("title"));
		migrator.changeFields("user", charField("profile_image_url"));
	}

}
