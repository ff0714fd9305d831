package io.github.webuimigrations.legacy;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.webuimigrations.MigrationException;
import io.github.webuimigrations.MigrationInfo;
import io.github.webuimigrations.MigrationState;
import io.github.webuimigrations.database.Dialect;
import io.github.webuimigrations.database.Sql;
import io.github.webuimigrations.testsupport.SchemaSnapshot;
import io.github.webuimigrations.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Each legacy migration's upstream rollback, down step by step and up again. Upstream's
 * rollbacks restore tables, columns, NOT NULLs and indexes, but not always the declared types
 * (006 goes back to VARCHAR(255) where PostgreSQL had TEXT, 005 to DATETIME on SQLite), so the
 * way down compares names, nullability and indexes; the way up compares everything.
 */
class LegacyRollbackTests {

	@TempDir
	Path directory;

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void downToBaseAndUpAgainBeforeTheModelfileConversion(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			LegacyTier tier = database.legacyTier();
			List<List<String>> shapes = new ArrayList<>();
			List<List<String>> typedShapes = new ArrayList<>();
			shapes.add(SchemaSnapshot.of(database, false));
			for (int number = 1; number <= 9; number++) {
				tier.migrate(number);
				shapes.add(SchemaSnapshot.of(database, false));
				typedShapes.add(SchemaSnapshot.of(database));
			}
			database.execute("INSERT INTO \"user\" (id, name, email, role, profile_image_url, created_at, updated_at, "
					+ "last_active_at) VALUES ('u1', 'Ada', 'a@example.com', 'user', '', 1700000000, 1700000001, 1700000002)");
			tier.rollback(6);
			try (Connection connection = database.connection()) {
				assertThat(Sql.strings(connection, "SELECT CAST(timestamp AS TEXT) FROM \"user\""))
					.containsExactly("1700000000");
			}
			for (int number = 6; number >= 1; number--) {
				assertThat(SchemaSnapshot.of(database, false)).as("after rolling back to %03d", number)
					.containsExactlyElementsOf(shapes.get(number));
				tier.rollback(number - 1);
				assertThat(tier.current()).isEqualTo(number - 1);
			}
			// like peewee, the tier keeps its own bookkeeping table, now empty
			assertThat(SchemaSnapshot.of(database, false)).filteredOn((line) -> line.startsWith("table "))
				.containsExactly("table migratehistory");
			assertThat(tier.info()).allMatch((migration) -> migration.state() == MigrationState.PENDING);

			assertThat(tier.migrate(9)).isEqualTo(9);
			assertThat(SchemaSnapshot.of(database)).containsExactlyElementsOf(typedShapes.get(8));
			assertThat(tier.info().subList(0, 9)).allMatch(MigrationInfo::isApplied);
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void downTo010AndUpAgainAfterIt(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			LegacyTier tier = database.legacyTier();
			List<List<String>> typedShapes = new ArrayList<>();
			for (int number = 10; number <= 18; number++) {
				tier.migrate(number);
				typedShapes.add(SchemaSnapshot.of(database));
			}
			for (int number = 17; number >= 10; number--) {
				tier.rollback(number);
				assertThat(SchemaSnapshot.of(database)).as("after rolling back to %03d", number)
					.containsExactlyElementsOf(typedShapes.get(number - 10));
			}
			assertThat(tier.migrate(null)).isEqualTo(8);
			assertThat(SchemaSnapshot.of(database)).containsExactlyElementsOf(typedShapes.get(8));
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void rollbackAcross010IsRefusedBeforeAnythingChanges(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			LegacyTier tier = database.legacyTier();
			tier.migrate(null);
			List<String> before = SchemaSnapshot.of(database);
			assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> tier.rollback(5))
				.withMessageStartingWith("Rollback to 005_add_updated_at refused: 010_migrate_modelfiles_to_models "
						+ "cannot be rolled back")
				.withMessageNotContaining("\n");
			assertThat(tier.current()).isEqualTo(18);
			assertThat(SchemaSnapshot.of(database)).containsExactlyElementsOf(before);
		}
	}

}
