package io.github.webuimigrations.legacy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.webuimigrations.database.Dialect;
import io.github.webuimigrations.database.Sql;
import io.github.webuimigrations.testsupport.SchemaSnapshot;
import io.github.webuimigrations.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema after legacy migrations 001-018 on an empty database is spec section 3.5,
 * table by table, column by column, index by index.
 */
class LegacySchemaTests {

	@TempDir
	Path directory;

	@Test
	void sqliteTablesHaveExactlyPeeweesDdl() throws Exception {
		try (TestDatabase database = TestDatabase.sqlite(this.directory.resolve("webui.db"))) {
			database.legacyTier().migrate(null);
			try (Connection connection = database.connection()) {
				List<String> ddl = Sql.strings(connection, "SELECT sql || ';' FROM sqlite_master "
						+ "WHERE type = 'table' AND name <> 'flyway_legacy_history' ORDER BY name");
				assertThat(ddl).containsExactlyElementsOf(expected("legacy-018.sqlite.sql"));
			}
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void schemaAfter018IsSpecSection35(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			database.legacyTier().migrate(null);
			assertThat(SchemaSnapshot.of(database))
				.containsExactlyElementsOf(expected("legacy-018." + dialect.name().toLowerCase() + ".txt"));
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void migratehistoryHoldsUpstreamNamesInOrder(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			LegacyTier tier = database.legacyTier();
			assertThat(tier.migrate(null)).isEqualTo(18);
			assertThat(tier.migrate(null)).isZero();
			try (Connection connection = database.connection()) {
				assertThat(Sql.strings(connection, "SELECT name FROM migratehistory ORDER BY id"))
					.containsExactly("001_initial_schema", "002_add_local_sharing", "003_add_auth_api_key",
							"004_add_archived", "005_add_updated_at", "006_migrate_timestamps_and_charfields",
							"007_add_user_last_active_at", "008_add_memory", "009_add_models",
							"010_migrate_modelfiles_to_models", "011_add_user_settings", "012_add_tools",
							"013_add_user_info", "014_add_files", "015_add_functions", "016_add_valves_and_is_active",
							"017_add_user_oauth_sub", "018_add_function_is_global");
				List<String> migratedAt = Sql.strings(connection,
						"SELECT CAST(migrated_at AS TEXT) FROM migratehistory");
				assertThat(migratedAt).allMatch((text) -> text.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d{1,6})?"));
			}
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void stopsAtTheTargetAndContinuesFromThere(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			LegacyTier tier = database.legacyTier();
			assertThat(tier.migrate(9)).isEqualTo(9);
			assertThat(tier.current()).isEqualTo(9);
			assertThat(tier.migrate(null)).isEqualTo(9);
			assertThat(SchemaSnapshot.of(database))
				.containsExactlyElementsOf(expected("legacy-018." + dialect.name().toLowerCase() + ".txt"));
		}
	}

	static List<String> expected(String name) throws IOException {
		try (var stream = LegacySchemaTests.class.getResourceAsStream("/expected/" + name)) {
			return new String(stream.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
		}
	}

}
