package io.github.webuimigrations.legacy;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.webuimigrations.MigrationInfo;
import io.github.webuimigrations.MigrationState;
import io.github.webuimigrations.database.Sql;
import io.github.webuimigrations.database.WebuiDatabase;
import io.github.webuimigrations.testsupport.RowDump;
import io.github.webuimigrations.testsupport.TestDatabase;
import io.github.webuimigrations.testsupport.UpstreamFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database made by upstream's own peewee tier, stopped after 009 with data, continues at
 * 010 and ends with exactly the rows upstream leaves after 018
 * ({@code fixtures/upstream-peewee-009.expected-at-018.json}).
 */
class UpstreamFixtureTests {

	@TempDir
	Path directory;

	@Test
	void sqliteFixtureContinuesAt010AndMatchesUpstreamRows() throws Exception {
		Path file = copy("upstream-peewee-009.sqlite");
		try (TestDatabase database = TestDatabase.sqlite(file)) {
			LegacyTier tier = tier(database.dataSource());
			assertThat(tier.current()).isEqualTo(9);
			assertThat(tier.migrate(null)).isEqualTo(9);
			assertMatchesUpstream(database.dataSource().getConnection());
			List<MigrationInfo> info = tier.info();
			assertThat(info.subList(0, 9)).allMatch((migration) -> migration.state() == MigrationState.ADOPTED);
			assertThat(info.subList(9, 18)).allMatch((migration) -> migration.state() == MigrationState.APPLIED);
		}
	}

	@Test
	void fixtureDataCopiedToPostgresqlAt009MatchesUpstreamRowsAfter018() throws Exception {
		Path file = copy("upstream-peewee-009.sqlite");
		try (TestDatabase source = TestDatabase.sqlite(file); TestDatabase database = TestDatabase.postgres()) {
			UpstreamFixture.copyPeewee009Rows(source, database);
			assertThat(tier(database.dataSource()).migrate(null)).isEqualTo(9);
			assertMatchesUpstream(database.dataSource().getConnection());
		}
	}

	static void assertMatchesUpstream(Connection connection) throws Exception {
		try (connection) {
			Map<String, List<String>> expected = RowDump.expected("/fixtures/upstream-peewee-009.expected-at-018.json");
			for (Map.Entry<String, List<String>> table : expected.entrySet()) {
				assertThat(RowDump.rows(connection, table.getKey())).as(table.getKey())
					.containsExactlyElementsOf(table.getValue());
			}
			assertThat(Sql.strings(connection, "SELECT name FROM migratehistory ORDER BY id")).hasSize(18)
				.endsWith("018_add_function_is_global");
		}
	}

	private Path copy(String fixture) throws Exception {
		return UpstreamFixture.copy(this.directory, fixture);
	}

	static LegacyTier tier(javax.sql.DataSource dataSource) {
		return new LegacyTier(WebuiDatabase.of(dataSource), LegacyTier.DEFAULT_HISTORY_TABLE);
	}

}
