package io.github.webuimigrations.legacy;

import java.nio.file.Path;
import java.sql.Connection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.webuimigrations.MigrationState;
import io.github.webuimigrations.database.ConnectionFactory;
import io.github.webuimigrations.database.ConnectionTargets;
import io.github.webuimigrations.database.DatabaseProperties;
import io.github.webuimigrations.database.Sql;
import io.github.webuimigrations.database.WebuiDatabase;
import io.github.webuimigrations.testsupport.SchemaSnapshot;
import io.github.webuimigrations.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the legacy tier reads a database's state: upstream-only histories, databases built by
 * revisions alone, and the PostgreSQL schema setting.
 */
class LegacyTierStateTests {

	@TempDir
	Path directory;

	@Test
	void databaseBuiltByRevisionsAloneSkipsTheLegacyTier() throws Exception {
		try (TestDatabase database = TestDatabase.sqlite(this.directory.resolve("webui.db"))) {
			database.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
					+ "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))",
					"INSERT INTO alembic_version VALUES ('f0bd01a18a3d')");
			LegacyTier tier = database.legacyTier();
			assertThat(tier.migrate(null)).isZero();
			assertThat(tier.info()).allMatch((migration) -> migration.state() == MigrationState.SKIPPED);
			assertThat(SchemaSnapshot.of(database, false)).containsExactly("table alembic_version",
					"  column version_num not null pk", "  index sqlite_autoindex_alembic_version_1 unique (version_num)");
		}
	}

	@Test
	void migrationsThatOpenWebuiAppliedAfterUsAreAdoptedNotRepeated() throws Exception {
		try (TestDatabase database = TestDatabase.sqlite(this.directory.resolve("webui.db"))) {
			LegacyTier ours = database.legacyTier();
			ours.migrate(9);
			// open-webui's peewee tier, which records only migratehistory, applies 010 meanwhile
			new LegacyTier(database.webui(), "another_history").migrate(10);
			assertThat(ours.migrate(null)).isEqualTo(8);
			assertThat(ours.current()).isEqualTo(18);
			assertThat(ours.info().get(9).state()).isEqualTo(MigrationState.ADOPTED);
			assertThat(ours.info().get(10).state()).isEqualTo(MigrationState.APPLIED);
		}
	}

	@Test
	void databaseSchemaSettingPutsEveryTableIntoThatSchema() throws Exception {
		try (TestDatabase database = TestDatabase.postgres()) {
			DatabaseProperties properties = new DatabaseProperties();
			properties.setUrl(database.url());
			properties.setSchema("webui_schema");
			ConnectionFactory dataSource = new ConnectionFactory(ConnectionTargets.resolve(properties),
					properties.getSqlite());
			assertThat(new LegacyTier(new WebuiDatabase(dataSource, "webui_schema"), LegacyTier.DEFAULT_HISTORY_TABLE).migrate(null))
				.isEqualTo(18);
			try (Connection connection = database.connection()) {
				assertThat(Sql.strings(connection,
						"SELECT count(*) FROM information_schema.tables WHERE table_schema = 'webui_schema'"))
					.containsExactly("14");
				assertThat(Sql.strings(connection,
						"SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"))
					.containsExactly("0");
			}
		}
	}

}
