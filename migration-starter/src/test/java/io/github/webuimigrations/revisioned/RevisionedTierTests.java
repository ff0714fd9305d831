package io.github.webuimigrations.revisioned;

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
import io.github.webuimigrations.orchestration.DatabaseMigrator;
import io.github.webuimigrations.revisioned.op.RevisionOperations;
import io.github.webuimigrations.testsupport.SchemaSnapshot;
import io.github.webuimigrations.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The revisioned tier after the legacy tier: schema of the tables the chain touches,
 * {@code alembic_version} in step, adoption of revisions applied by open-webui's Alembic,
 * and down and up again revision by revision.
 */
class RevisionedTierTests {

	@TempDir
	Path directory;

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void legacyThenRevisionsGiveUpstreamsTables(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			database.legacyTier().migrate(null);
			RevisionedTier tier = database.revisionedTier();
			assertThat(tier.migrate("3af16a1c9fb6")).isEqualTo(Revisions.indexOf("3af16a1c9fb6") + 1);
			assertThat(tier.current()).isEqualTo("3af16a1c9fb6");
			assertThat(tier.migrate("3af16a1c9fb6")).isZero();
			// reviewed against spec 6.1 and appendices A/B: every table the chain touched so far, and the untouched ones
			assertThat(SchemaSnapshot.of(database)).containsExactlyElementsOf(
					expected("legacy-018-then-3af16a1c9fb6." + dialect.name().toLowerCase() + ".txt"));
			for (String revision : new String[] { "37f288994c47", "b10670c03dd5", "c440947495f3", "374d2f66af06", "8452d01d26d7", "f1e2d3c4b5a6", "e1f2a3b4c5d6", "56359461a091", "3c9b0ca343fd", "461111b60977", "3ff2c63645b8", "f0bd01a18a3d", "d4c1a8e37b62" }) {
				tier.migrate(revision);
				assertThat(SchemaSnapshot.of(database)).as(revision).containsExactlyElementsOf(
						expected("legacy-018-then-" + revision + "." + dialect.name().toLowerCase() + ".txt"));
			}
			tier.migrate((String) null);
			assertThat(tier.migrate((String) null)).isZero();
			assertThat(tier.info()).allMatch((revision) -> revision.state() == MigrationState.APPLIED);
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void downRevisionByRevisionAndUpAgain(Dialect dialect) throws Exception {
		downAndUpAgain(dialect, true);
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void downRevisionByRevisionAndUpAgainOnADatabaseBuiltByRevisionsAlone(Dialect dialect) throws Exception {
		downAndUpAgain(dialect, false);
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void aFailingRevisionIsRolledBackWholeAndTheNextRunResumesThere(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			database.legacyTier().migrate(null);
			// index names are schema-global: one on another table stops 018012973d35 after five of its indexes
			database.execute("CREATE INDEX user_id_idx ON file (user_id)");
			// one revision at a time: the one-pass chat rewrite would make 242a2047eae0..9a1b2c3d4e5f one transaction
			RevisionedTier tier = database.revisionedTier(false);
			assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> tier.migrate((String) null))
				.withMessageStartingWith("Revision 018012973d35_add_indexes failed and was rolled back; the database is at "
						+ "d31026856c01_update_folder_table_data: ")
				.withMessageNotContaining("\n");
			assertThat(tier.current()).isEqualTo("d31026856c01");
			try (Connection connection = database.connection()) {
				assertThat(new RevisionOperations(connection).indexNames("chat")).doesNotContain("folder_id_idx",
						"user_id_pinned_idx");
			}
			database.execute("DROP INDEX user_id_idx");
			assertThat(tier.migrate((String) null)).isEqualTo(Revisions.CHAIN.size() - Revisions.indexOf("018012973d35"));
			assertThat(tier.current()).isEqualTo(Revisions.CHAIN.get(Revisions.CHAIN.size() - 1).id());
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void aRevisionFailingInsideAChatRewriteGroupRollsTheGroupBackWhole(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			database.legacyTier().migrate(null);
			database.execute("CREATE INDEX user_id_idx ON file (user_id)");
			RevisionedTier tier = database.revisionedTier();
			assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> tier.migrate((String) null))
				.withMessageStartingWith("Revisions 242a2047eae0 to 9a1b2c3d4e5f (one transaction: they rewrite chat in one "
						+ "pass) failed in 018012973d35_add_indexes and were rolled back; the database is at "
						+ "6a39f3d8e55c_add_knowledge_table: ")
				.withMessageNotContaining("\n");
			assertThat(tier.current()).isEqualTo("6a39f3d8e55c");
			assertThat(tier.info(false).stream().filter((info) -> info.state() == MigrationState.APPLIED).count())
				.isEqualTo(Revisions.indexOf("6a39f3d8e55c") + 1);
			try (Connection connection = database.connection()) {
				RevisionOperations op = new RevisionOperations(connection);
				assertThat(op.columns("chat").stream().filter((column) -> column.name().equals("chat")).findFirst()
					.orElseThrow().isText()).isTrue();
				assertThat(op.hasTable("chat_message")).isFalse();
			}
			database.execute("DROP INDEX user_id_idx");
			assertThat(tier.migrate((String) null)).isEqualTo(Revisions.CHAIN.size() - Revisions.indexOf("242a2047eae0"));
			assertThat(tier.current()).isEqualTo(Revisions.CHAIN.get(Revisions.CHAIN.size() - 1).id());
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void anIndexOnChatLeftForAfterThePassNamesTheRevisionThatAskedForIt(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			database.legacyTier().migrate(null);
			// 018012973d35 asks for user_id_pinned_idx on chat; it is built after the pass, where the name clashes
			database.execute("CREATE INDEX user_id_pinned_idx ON file (user_id)");
			RevisionedTier tier = database.revisionedTier();
			assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> tier.migrate((String) null))
				.withMessageStartingWith("Revisions 242a2047eae0 to 9a1b2c3d4e5f (one transaction: they rewrite chat in one "
						+ "pass) failed in 018012973d35_add_indexes and were rolled back; the database is at "
						+ "6a39f3d8e55c_add_knowledge_table: ");
			assertThat(tier.current()).isEqualTo("6a39f3d8e55c");
			database.execute("DROP INDEX user_id_pinned_idx");
			tier.migrate((String) null);
			try (Connection connection = database.connection()) {
				assertThat(new RevisionOperations(connection).indexNames("chat")).contains("user_id_pinned_idx",
						"folder_id_user_id_idx");
			}
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void rollbackToOpenWebui0110AndForwardAgainRoundTripsTheSchema(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			DatabaseMigrator migrator = database.migrator();
			migrator.migrate();
			String suffix = "." + dialect.name().toLowerCase() + ".txt";
			migrator.rollback(migrator.target("f0bd01a18a3d"));
			assertThat(migrator.status().openWebuiVersion()).isEqualTo("0.11.0");
			assertThat(SchemaSnapshot.of(database)).containsExactlyElementsOf(expected("legacy-018-then-f0bd01a18a3d" + suffix));
			migrator.migrate();
			assertThat(migrator.status().openWebuiVersion()).isEqualTo("0.11.1 to 0.11.4");
			assertThat(SchemaSnapshot.of(database)).containsExactlyElementsOf(expected("legacy-018-then-d4c1a8e37b62" + suffix));
		}
	}

	private void downAndUpAgain(Dialect dialect, boolean legacyFirst) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			if (legacyFirst) {
				database.legacyTier().migrate(null);
			}
			RevisionedTier tier = database.revisionedTier();
			List<List<String>> shapes = new ArrayList<>();
			shapes.add(comparable(database));
			for (Revision revision : Revisions.CHAIN) {
				tier.migrate(revision.id());
				assertThat(tier.current()).isEqualTo(revision.id());
				shapes.add(comparable(database));
			}
			for (int index = Revisions.CHAIN.size() - 1; index >= 0; index--) {
				String target = (index > 0) ? Revisions.CHAIN.get(index - 1).id() : null;
				assertThat(tier.rollback(target)).isEqualTo(1);
				assertThat(tier.current()).isEqualTo(target);
				assertThat(comparable(database)).as("after downgrading to %s", target)
					.containsExactlyElementsOf(shapes.get(index));
			}
			assertThat(tier.migrate((String) null)).isEqualTo(Revisions.CHAIN.size());
			assertThat(comparable(database)).containsExactlyElementsOf(shapes.get(shapes.size() - 1));
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void revisionsAppliedByOpenWebuisAlembicAreAdopted(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			database.legacyTier().migrate(null);
			// what open-webui's Alembic leaves after its first three revisions: their schema and alembic_version only
			RevisionedTier ours = database.revisionedTier();
			ours.migrate(Revisions.CHAIN.get(2).id());
			database.execute("DELETE FROM databasechangelog");
			RevisionedTier tier = database.revisionedTier();
			assertThat(tier.migrate((String) null)).isEqualTo(Revisions.CHAIN.size() - 3);
			List<MigrationInfo> info = tier.info();
			assertThat(info.subList(0, 3)).allMatch((revision) -> revision.state() == MigrationState.ADOPTED);
			assertThat(info.subList(3, info.size())).allMatch((revision) -> revision.state() == MigrationState.APPLIED);
		}
	}

	/** Columns in name order: upstream's downgrades re-add columns at the end of the table. */
	private static List<String> comparable(TestDatabase database) throws Exception {
		List<String> lines = new ArrayList<>();
		List<String> table = new ArrayList<>();
		for (String line : SchemaSnapshot.of(database)) {
			if (line.startsWith("table ") && !table.isEmpty()) {
				lines.add(table.get(0));
				lines.addAll(table.subList(1, table.size()).stream().sorted().toList());
				table.clear();
			}
			table.add(line);
		}
		if (!table.isEmpty()) {
			lines.add(table.get(0));
			lines.addAll(table.subList(1, table.size()).stream().sorted().toList());
		}
		// alembic_version stays (empty) below the first revision, as Alembic leaves it
		int start = lines.indexOf("table alembic_version");
		if (start >= 0) {
			int end = start + 1;
			while (end < lines.size() && !lines.get(end).startsWith("table ")) {
				end++;
			}
			lines.subList(start, end).clear();
		}
		return lines;
	}

	static List<String> expected(String name) throws java.io.IOException {
		try (var stream = RevisionedTierTests.class.getResourceAsStream("/expected/" + name)) {
			return new String(stream.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
		}
	}


}
