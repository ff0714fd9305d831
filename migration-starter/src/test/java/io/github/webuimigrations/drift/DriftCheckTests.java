package io.github.webuimigrations.drift;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.webuimigrations.database.Dialect;
import io.github.webuimigrations.database.Sql;
import io.github.webuimigrations.orchestration.DatabaseMigrator;
import io.github.webuimigrations.revisioned.op.RevisionOperations;
import io.github.webuimigrations.testsupport.TestDatabase;
import io.github.webuimigrations.testsupport.UpstreamFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drift check against the schema the migrations build at the recorded point: nothing on
 * untouched databases, each hand-made change reported precisely.
 */
class DriftCheckTests {

	@TempDir
	Path directory;

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void untouchedDatabasesHaveNoDriftAtHeadAndOnTheWay(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			DatabaseMigrator migrator = database.migrator();
			assertThat(migrator.drift().differences()).as("empty").isEmpty();
			for (String point : new String[] { "009", "3af16a1c9fb6", "head" }) {
				migrator.migrate(migrator.target(point));
				SchemaDrift drift = migrator.drift();
				assertThat(drift.differences()).as(point).isEmpty();
			}
			assertThat(migrator.drift().point()).isEqualTo("legacy 018, revision d4c1a8e37b62");
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void aDatabaseBuiltByTheRevisionsAloneHasNoDrift(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			database.revisionedTier().migrate("c440947495f3");
			SchemaDrift drift = database.migrator().drift();
			assertThat(drift.point()).isEqualTo("revisions alone, revision c440947495f3");
			assertThat(drift.differences()).isEmpty();
		}
	}

	@Test
	void upstreamsOwnPeeweeDatabaseHasNoDrift() throws Exception {
		try (TestDatabase database = TestDatabase.sqlite(UpstreamFixture.copy(this.directory, "upstream-peewee-009.sqlite"))) {
			SchemaDrift drift = database.migrator().drift();
			assertThat(drift.point()).isEqualTo("legacy 009, revision none");
			assertThat(drift.differences()).isEmpty();
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void eachHandMadeChangeIsReportedPrecisely(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			DatabaseMigrator migrator = database.migrator();
			migrator.migrate();
			database.execute("DROP INDEX timer_at_idx", "ALTER TABLE chat ADD COLUMN plugin_data TEXT",
					"DROP TABLE pinned_note", "CREATE TABLE plugin_things (id TEXT)");
			changeMemoryContent(database);

			List<String> drift = migrator.drift().differences().stream().map(Object::toString).toList();

			String text = database.isSqlite() ? "TEXT" : "text";
			assertThat(drift).containsExactlyInAnyOrder("missing   index chat.timer_at_idx (timer_at) where timer_at IS NOT NULL",
					"different column memory.content: " + (database.isSqlite() ? "VARCHAR(10)" : "character varying(10)")
							+ " null, expected " + text + " not null",
					"missing   table pinned_note", "extra     column chat.plugin_data " + text + " null",
					"extra     table plugin_things");
		}
	}

	/** Changes memory.content's type and drops its NOT NULL, keeping everything else of the table. */
	private static void changeMemoryContent(TestDatabase database) throws Exception {
		if (!database.isSqlite()) {
			database.execute("ALTER TABLE memory ALTER COLUMN content TYPE VARCHAR(10)",
					"ALTER TABLE memory ALTER COLUMN content DROP NOT NULL");
			return;
		}
		try (Connection connection = database.connection()) {
			RevisionOperations op = new RevisionOperations(connection);
			String table = op.strings("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'memory'").get(0);
			List<String> indexes = op.strings("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'memory' "
					+ "AND sql IS NOT NULL");
			String changed = table.replaceFirst("(\"?content\"?)\\s+TEXT\\s+NOT\\s+NULL", "$1 VARCHAR(10)");
			assertThat(changed).isNotEqualTo(table);
			op.execute("DROP TABLE memory");
			op.execute(changed);
			for (String index : indexes) {
				op.execute(index);
			}
		}
		assertThat(Sql.strings(database.connection(), "SELECT count(*) FROM memory")).containsExactly("0");
	}

}
