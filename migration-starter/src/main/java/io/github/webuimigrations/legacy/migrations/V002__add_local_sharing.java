package io.github.webuimigrations.legacy.migrations;

import java.sql.SQLException;

import io.github.webuimigrations.legacy.LegacyMigration;
import io.github.webuimigrations.legacy.LegacyMigrator;

import static io.github.webuimigrations.legacy.Field.charField;

/**
 * {@code 002_add_local_sharing}: {@code chat.share_id}, nullable and unique.
 */
public class V002__add_local_sharing extends LegacyMigration {

	@Override
	protected void upgrade(LegacyMigrator migrator) throws SQLException {
		migrator.addFields("chat", charField("share_id").nullable().unique());
	}

	@Override
	protected void rollback(LegacyMigrator migrator) throws SQLException {
		migrator.removeFields("chat", "share_id");
	}

}
