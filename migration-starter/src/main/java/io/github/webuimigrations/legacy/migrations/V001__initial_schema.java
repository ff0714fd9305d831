package io.github.webuimigrations.legacy.migrations;

import java.sql.SQLException;

import io.github.webuimigrations.legacy.LegacyMigration;
import io.github.webuimigrations.legacy.LegacyMigrator;

import static io.github.webuimigrations.legacy.Field.autoField;
import static io.github.webuimigrations.legacy.Field.bigIntegerField;
import static io.github.webuimigrations.legacy.Field.booleanField;
import static io.github.webuimigrations.legacy.Field.charField;
import static io.github.webuimigrations.legacy.Field.textField;

/**
 * {@code 001_initial_schema}: the eight original tables. SQLite gets the older base schema
 * (VARCHAR(255) titles and password), PostgreSQL the newer one (TEXT), as upstream branches.
 * Tables declaring their own {@code id} get no primary key, only a unique index.
 */
public class V001__initial_schema extends LegacyMigration {

	@Override
	protected void upgrade(LegacyMigrator migrator) throws SQLException {
		boolean sqlite = migrator.isSqlite();
		migrator.createModel("auth", charField("id").unique(), charField("email"),
				sqlite ? charField("password") : textField("password"), booleanField("active"));
		migrator.createModel("chat", charField("id").unique(), charField("user_id"),
				sqlite ? charField("title") : textField("title"), textField("chat"), bigIntegerField("timestamp"));
		migrator.createModel("chatidtag", charField("id").unique(), charField("tag_name"), charField("chat_id"),
				charField("user_id"), bigIntegerField("timestamp"));
		migrator.createModel("document", autoField("id"), charField("collection_name").unique(),
				charField("name").unique(), sqlite ? charField("title") : textField("title"),
				sqlite ? charField("filename") : textField("filename"), textField("content").nullable(),
				charField("user_id"), bigIntegerField("timestamp"));
		migrator.createModel("modelfile", autoField("id"), charField("tag_name").unique(), charField("user_id"),
				textField("modelfile"), bigIntegerField("timestamp"));
		migrator.createModel("prompt", autoField("id"), charField("command").unique(), charField("user_id"),
				sqlite ? charField("title") : textField("title"), textField("content"), bigIntegerField("timestamp"));
		migrator.createModel("tag", charField("id").unique(), charField("name"), charField("user_id"),
				textField("data").nullable());
		migrator.createModel("user", charField("id").unique(), charField("name"), charField("email"),
				charField("role"), sqlite ? charField("profile_image_url") : textField("profile_image_url"),
				bigIntegerField("timestamp"));
	}

	@Override
	protected void rollback(LegacyMigrator migrator) throws SQLException {
		for (String table : new String[] { "user", "tag", "prompt", "modelfile", "document", "chatidtag", "chat",
				"auth" }) {
			migrator.removeModel(table);
		}
	}

}
