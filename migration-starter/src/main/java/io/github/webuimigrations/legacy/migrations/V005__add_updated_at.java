package io.github.webuimigrations.legacy.migrations;

import java.sql.SQLException;

import io.github.webuimigrations.legacy.Field;
import io.github.webuimigrations.legacy.LegacyMigration;
import io.github.webuimigrations.legacy.LegacyMigrator;

import static io.github.webuimigrations.legacy.Field.bigIntegerField;
import static io.github.webuimigrations.legacy.Field.dateTimeField;

/**
 * {@code 005_add_updated_at}: {@code chat.timestamp} becomes {@code created_at} and
 * {@code updated_at}. SQLite declares them DATETIME (and keeps the integer seconds in them),
 * PostgreSQL BIGINT.
 */
public class V005__add_updated_at extends LegacyMigration {

	@Override
	protected void upgrade(LegacyMigrator migrator) throws SQLException {
		Field createdAt = timeField(migrator, "created_at");
		Field updatedAt = timeField(migrator, "updated_at");
		migrator.addFields("chat", createdAt.nullable(), updatedAt.nullable());
		migrator.sql("UPDATE chat SET created_at = timestamp, updated_at = timestamp WHERE timestamp IS NOT NULL");
		migrator.removeFields("chat", "timestamp");
		migrator.changeFields("chat", createdAt, updatedAt);
	}

	@Override
	protected void rollback(LegacyMigrator migrator) throws SQLException {
		Field timestamp = timeField(migrator, "timestamp");
		migrator.addFields("chat", timestamp.nullable());
		migrator.sql("UPDATE chat SET timestamp = created_at");
		migrator.removeFields("chat", "created_at", "updated_at");
		migrator.changeFields("chat", timestamp);
	}

	private static Field timeField(LegacyMigrator migrator, String name) {
		return migrator.isSqlite() ? dateTimeField(name) : bigIntegerField(name);
	}

}
