package io.github.webuimigrations.orchestration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.webuimigrations.MigrationException;
import io.github.webuimigrations.SchemaStatus;
import io.github.webuimigrations.database.Dialect;
import io.github.webuimigrations.database.Sql;
import io.github.webuimigrations.revisioned.Revisions;
import io.github.webuimigrations.testsupport.SchemaSnapshot;
import io.github.webuimigrations.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Databases in each adoption state, with open-webui's own bookkeeping only (our Flyway and
 * Liquibase tables dropped, as upstream leaves them): adopted at start-up with no manual step,
 * migrated to the schema a fresh run gives, and refused when they are ahead of us or when the
 * two bookkeepings disagree in a way we cannot mend.
 */
class AdoptionTests {

	@TempDir
	Path directory;

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void peeweeEraDatabaseWithAlembicVersionContinuesWhereUpstreamStopped(Dialect dialect) throws Exception {
		try (TestDatabase fresh = create(dialect, "fresh"); TestDatabase upstream = create(dialect, "upstream")) {
			fresh.migrator().migrate();
			// open-webui 0.9.x: the whole peewee tier, then Alembic up to 3781e22d8b01
			upstream.migrator().migrate(upstream.migrator().target("3781e22d8b01"));
			dropOurBookkeeping(upstream);
			DatabaseMigrator migrator = upstream.migrator();
			SchemaStatus before = migrator.status();
			assertThat(before.level()).isEqualTo(SchemaStatus.Level.BEHIND);
			assertThat(before.adoption()).isEqualTo("peewee-era open-webui database: legacy migrations 001 to 018 "
					+ "adopted from migratehistory, revisions up to 3781e22d8b01 adopted from alembic_version");
			migrator.migrate();
			assertThat(migrator.validate().revision()).isEqualTo(Revisions.HEAD);
			assertThat(SchemaSnapshot.of(upstream)).isEqualTo(SchemaSnapshot.of(fresh));
			// and back to open-webui: its peewee tier and its Alembic find nothing to do
			assertThat(strings(upstream, "SELECT count(*) FROM migratehistory")).containsExactly("18");
			assertThat(strings(upstream, "SELECT version_num FROM alembic_version")).containsExactly(Revisions.HEAD);
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void databaseUpstreamMigratedToHeadIsUpToDateForUs(Dialect dialect) throws Exception {
		try (TestDatabase database = create(dialect, "head")) {
			database.migrator().migrate();
			dropOurBookkeeping(database);
			DatabaseMigrator migrator = database.migrator();
			assertThat(migrator.status().isUpToDate()).isTrue();
			migrator.migrate();
			assertThat(migrator.run().phase()).isEqualTo(MigrationRun.Phase.SUCCEEDED);
			assertThat(migrator.info()).allSatisfy((info) -> assertThat(info.state().name()).isEqualTo("ADOPTED"));
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void alembicOnlyDatabaseSkipsTheLegacyTierAndSaysSo(Dialect dialect) throws Exception {
		try (TestDatabase database = create(dialect, "alembic")) {
			database.revisionedTier().migrate("c29facfe716b");
			dropOurBookkeeping(database);
			DatabaseMigrator migrator = database.migrator();
			assertThat(migrator.status().adoption()).isEqualTo("built by open-webui's revisions alone (0.10 or later): "
					+ "legacy tier not applicable, revisions up to c29facfe716b adopted from alembic_version");
			migrator.migrate();
			assertThat(migrator.validate().legacyVersion()).isEqualTo("skipped");
			// the legacy tier never ran: no legacy bookkeeping appeared
			assertThat(migrator.info()).filteredOn((info) -> info.tier() == io.github.webuimigrations.Tier.LEGACY)
				.allSatisfy((info) -> assertThat(info.state().name()).isEqualTo("SKIPPED"));
			assertThatExceptionOfType(java.sql.SQLException.class)
				.isThrownBy(() -> strings(database, "SELECT count(*) FROM migratehistory"));
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void databaseBuiltByOpenWebui0114AloneIsUpToDateWithEveryEntryAdopted(Dialect dialect) throws Exception {
		try (TestDatabase database = create(dialect, "owui-0.11.4")) {
			// what open-webui 0.11.1 to 0.11.4 build on an empty database: the revision chain alone
			database.revisionedTier().migrate(null);
			dropOurBookkeeping(database);
			List<String> schema = SchemaSnapshot.of(database);
			DatabaseMigrator migrator = database.migrator();
			SchemaStatus status = migrator.status();
			assertThat(status.isUpToDate()).isTrue();
			assertThat(status.revision()).isEqualTo("d4c1a8e37b62");
			assertThat(status.openWebuiVersion()).isEqualTo("0.11.1 to 0.11.4");
			migrator.migrate();
			assertThat(migrator.info()).allSatisfy((info) -> assertThat(info.state().name())
				.isEqualTo((info.tier() == io.github.webuimigrations.Tier.LEGACY) ? "SKIPPED" : "ADOPTED"));
			assertThat(SchemaSnapshot.of(database)).isEqualTo(schema);
			assertThat(strings(database, "SELECT version_num FROM alembic_version")).containsExactly("d4c1a8e37b62");
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void databaseOfOpenWebui0110IsBroughtTo0114WithItsOauthRepaired(Dialect dialect) throws Exception {
		try (TestDatabase fresh = create(dialect, "fresh"); TestDatabase database = create(dialect, "owui-0.11.0")) {
			fresh.revisionedTier().migrate(null);
			database.revisionedTier().migrate("f0bd01a18a3d");
			dropOurBookkeeping(database);
			// upstream's b10670c03dd5 wrote oauth as a JSON string holding the object
			database.execute("INSERT INTO \"user\" (id, name, email, role, profile_image_url, created_at, updated_at, "
					+ "last_active_at, oauth) VALUES ('u1', 'Ada', 'ada@x.com', 'user', '', 1, 1, 1, "
					+ (database.isSqlite() ? "'\"{\\\"google\\\": {\\\"sub\\\": \\\"123\\\"}}\"'"
							: "CAST('\"{\\\"google\\\": {\\\"sub\\\": \\\"123\\\"}}\"' AS JSON)")
					+ ")");
			DatabaseMigrator migrator = database.migrator();
			assertThat(migrator.status().openWebuiVersion()).isEqualTo("0.11.0");
			migrator.migrate();
			assertThat(migrator.validate().revision()).isEqualTo("d4c1a8e37b62");
			assertThat(strings(database, "SELECT oauth FROM \"user\"")).containsExactly("{\"google\": {\"sub\": \"123\"}}");
			assertThat(SchemaSnapshot.of(database)).isEqualTo(SchemaSnapshot.of(fresh));
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void databaseAheadOfUsIsRefusedBeforeAnythingChanges(Dialect dialect) throws Exception {
		try (TestDatabase database = create(dialect, "ahead")) {
			DatabaseMigrator migrator = database.migrator();
			migrator.migrate(migrator.target("3781e22d8b01"));
			database.execute("UPDATE alembic_version SET version_num = 'a0a0a0a0a0a0'");
			List<String> before = SchemaSnapshot.of(database);
			// its schema lacks most of our head: refused even when ahead is tolerated
			assertThatExceptionOfType(MigrationException.class).isThrownBy(migrator::migrate)
				.withMessageStartingWith("The database is ahead of this version, refusing to touch it: revisioned migration "
						+ "a0a0a0a0a0a0 is recorded in the database but not part of this version; and its schema lacks what "
						+ "open-webui 0.11.4's has: ");
			assertThat(SchemaSnapshot.of(database)).isEqualTo(before);
			// a Liquibase entry we do not know: the same
			database.execute("UPDATE alembic_version SET version_num = '3781e22d8b01'",
					"INSERT INTO DATABASECHANGELOG (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, EXECTYPE) "
							+ "VALUES ('b1b1b1b1b1b1', 'open-webui', 'db/revisions/b1b1b1b1b1b1_future.yaml', "
							+ "CURRENT_TIMESTAMP, 99, 'EXECUTED')");
			assertThatExceptionOfType(MigrationException.class).isThrownBy(migrator::migrate)
				.withMessageContaining("b1b1b1b1b1b1 is recorded in the database but not part of this version");
			assertThat(SchemaSnapshot.of(database)).isEqualTo(before);
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void aNewerOpenWebuisDatabaseThatHoldsOurSchemaIsUsedAsItIsUnlessRefused(Dialect dialect) throws Exception {
		try (TestDatabase database = create(dialect, "newer")) {
			// what a newer open-webui leaves: our head's schema, plus a table and a column, at a revision we do not know
			database.revisionedTier().migrate(null);
			dropOurBookkeeping(database);
			database.execute("CREATE TABLE chat_reminder (id TEXT PRIMARY KEY, chat_id TEXT)",
					"ALTER TABLE chat ADD COLUMN reminder_id TEXT", "UPDATE alembic_version SET version_num = 'e9e9e9e9e9e9'");
			List<String> before = SchemaSnapshot.of(database);

			DatabaseMigrator tolerant = database.migrator();
			tolerant.migrate();
			assertThat(tolerant.run().phase()).isEqualTo(MigrationRun.Phase.SUCCEEDED);
			assertThat(tolerant.status().level()).isEqualTo(SchemaStatus.Level.AHEAD);
			assertThat(tolerant.aheadTolerated()).isTrue();
			assertThat(tolerant.drift().differences()).extracting(Object::toString)
				.containsExactlyInAnyOrder("extra     table chat_reminder",
						"extra     column chat.reminder_id " + (database.isSqlite() ? "TEXT" : "text") + " null");
			assertThatExceptionOfType(MigrationException.class).isThrownBy(tolerant::validate)
				.withMessageStartingWith("The database is not up to date (ahead): revisioned migration e9e9e9e9e9e9 is "
						+ "recorded in the database but not part of this version");
			assertThat(SchemaSnapshot.of(database)).isEqualTo(before);

			DatabaseMigrator lockstep = database.configure().ahead(AheadPolicy.REFUSE).load();
			assertThatExceptionOfType(MigrationException.class).isThrownBy(lockstep::migrate)
				.withMessage("The database is ahead of this version, refusing to touch it: revisioned migration "
						+ "e9e9e9e9e9e9 is recorded in the database but not part of this version (webui.migrations.ahead=refuse)");
			assertThat(lockstep.aheadTolerated()).isFalse();
			assertThat(SchemaSnapshot.of(database)).isEqualTo(before);
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void aNewerDatabaseMissingAColumnOfOursIsRefusedEitherWay(Dialect dialect) throws Exception {
		try (TestDatabase database = create(dialect, "newer-missing")) {
			database.revisionedTier().migrate(null);
			dropOurBookkeeping(database);
			database.execute("DROP INDEX user_id_timer_at_idx", "DROP INDEX timer_at_idx", "ALTER TABLE chat DROP COLUMN timer_at",
					"UPDATE alembic_version SET version_num = 'e9e9e9e9e9e9'");
			assertThatExceptionOfType(MigrationException.class).isThrownBy(database.migrator()::migrate)
				.withMessageContaining("e9e9e9e9e9e9 is recorded in the database but not part of this version; and its "
						+ "schema lacks what open-webui 0.11.4's has: ")
				.withMessageContaining("missing   column chat.timer_at");
			assertThat(database.migrator().aheadTolerated()).isFalse();
			assertThatExceptionOfType(MigrationException.class)
				.isThrownBy(database.configure().ahead(AheadPolicy.REFUSE).load()::migrate)
				.withMessageEndingWith("(webui.migrations.ahead=refuse)");
		}
	}


	@ParameterizedTest
	@EnumSource(Dialect.class)
	void upstreamDowngradeAfterUsIsSeenAndTheRevisionsAreAppliedAgain(Dialect dialect) throws Exception {
		try (TestDatabase database = create(dialect, "downgraded")) {
			DatabaseMigrator migrator = database.migrator();
			migrator.migrate();
			List<String> atHead = SchemaSnapshot.of(database);
			// open-webui's `alembic downgrade 3781e22d8b01`: the schema and alembic_version go back, our history stays
			database.execute("CREATE TABLE saved_history AS SELECT * FROM DATABASECHANGELOG");
			migrator.rollback(migrator.target("3781e22d8b01"));
			database.execute("DELETE FROM DATABASECHANGELOG", "INSERT INTO DATABASECHANGELOG SELECT * FROM saved_history",
					"DROP TABLE saved_history");
			assertThat(strings(database, "SELECT version_num FROM alembic_version")).containsExactly("3781e22d8b01");
			migrator.migrate();
			assertThat(migrator.validate().revision()).isEqualTo(Revisions.HEAD);
			assertThat(SchemaSnapshot.of(database)).isEqualTo(atHead);
			assertThat(strings(database, "SELECT count(*) FROM DATABASECHANGELOG"))
				.containsExactly(Integer.toString(Revisions.CHAIN.size()));
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void emptiedAlembicVersionStopsWithWhatToDo(Dialect dialect) throws Exception {
		try (TestDatabase database = create(dialect, "emptied")) {
			DatabaseMigrator migrator = database.migrator();
			migrator.migrate(migrator.target("3781e22d8b01"));
			database.execute("DELETE FROM alembic_version");
			assertThatExceptionOfType(MigrationException.class).isThrownBy(migrator::migrate)
				.withMessageStartingWith("alembic_version is empty, but this starter's history records revisions up to "
						+ "3781e22d8b01")
				.withMessageContaining("INSERT INTO alembic_version VALUES ('3781e22d8b01')");
			database.execute("INSERT INTO alembic_version VALUES ('3781e22d8b01')");
			migrator.migrate();
			assertThat(migrator.validate().revision()).isEqualTo(Revisions.HEAD);
		}
	}

	private TestDatabase create(Dialect dialect, String name) throws Exception {
		return TestDatabase.create(dialect, Files.createDirectories(this.directory.resolve(name)));
	}

	private static void dropOurBookkeeping(TestDatabase database) throws Exception {
		database.execute("DROP TABLE IF EXISTS flyway_legacy_history", "DROP TABLE IF EXISTS DATABASECHANGELOG",
				"DROP TABLE IF EXISTS DATABASECHANGELOGLOCK");
	}

	private static List<String> strings(TestDatabase database, String sql) throws Exception {
		try (var connection = database.connection()) {
			return Sql.strings(connection, sql);
		}
	}

}
