package io.github.webuimigrations.orchestration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.webuimigrations.MigrationBlockedException;
import io.github.webuimigrations.PreflightFinding;
import io.github.webuimigrations.PreflightFinding.Impact;
import io.github.webuimigrations.database.Dialect;
import io.github.webuimigrations.revisioned.Revisions;
import io.github.webuimigrations.testsupport.SchemaSnapshot;
import io.github.webuimigrations.testsupport.TestDatabase;
import io.github.webuimigrations.testsupport.UpstreamFixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@code preflight} on upstream's own peewee-009 database with rows upstream fails on: every
 * such row is listed, with what it does to the migration, and nothing changes.
 */
class PreflightTests {

	@TempDir
	Path directory;

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void listsEveryRowThatStopsAMigrationOrThatUpstreamWouldStopOn(Dialect dialect) throws Exception {
		try (TestDatabase fixture = TestDatabase.sqlite(UpstreamFixture.copy(this.directory, "upstream-peewee-009.sqlite"));
				TestDatabase database = (dialect == Dialect.SQLITE) ? null : TestDatabase.postgres()) {
			TestDatabase target = (database != null) ? database : fixture;
			if (database != null) {
				UpstreamFixture.copyPeewee009Rows(fixture, database);
			}
			target.execute(
					"INSERT INTO \"user\" (id, name, email, role, profile_image_url, api_key, created_at, updated_at, "
							+ "last_active_at) SELECT 'dup-user', name, upper(email), role, profile_image_url, NULL, "
							+ "created_at, updated_at, last_active_at FROM \"user\" WHERE id = (SELECT min(id) FROM \"user\")",
					"INSERT INTO modelfile (id, tag_name, user_id, modelfile, timestamp) SELECT (SELECT max(id) + 1 FROM "
							+ "modelfile), 'broken-tag', user_id, "
							+ "'not json', timestamp FROM modelfile WHERE tag_name = (SELECT min(tag_name) FROM modelfile)",
					"INSERT INTO chat (id, user_id, title, chat, share_id, archived, created_at, updated_at) SELECT "
							+ "'broken-chat', user_id, title, 'not json{', NULL, archived, created_at, updated_at FROM chat "
							+ "WHERE id = (SELECT min(id) FROM chat)");
			String before = SchemaSnapshot.of(target).toString();
			DatabaseMigrator migrator = target.migrator();

			List<PreflightFinding> findings = migrator.preflight();

			assertThat(findings).extracting(PreflightFinding::migration, PreflightFinding::impact, PreflightFinding::table)
				.containsExactly(tuple("010", Impact.UPSTREAM_ONLY, "modelfile"),
						tuple("242a2047eae0", Impact.UPSTREAM_ONLY, "chat"),
						tuple("f0bd01a18a3d", Impact.BLOCKS, "user"), tuple("f0bd01a18a3d", Impact.BLOCKS, "user"));
			assertThat(findings.get(0).row()).isEqualTo("broken-tag");
			assertThat(findings.get(0).problem()).startsWith("modelfile is not JSON; open-webui stops here");
			assertThat(findings.get(1).row()).isEqualTo("broken-chat");
			assertThat(findings.subList(2, 4)).extracting(PreflightFinding::row).contains("dup-user");
			assertThat(findings.get(2).problem()).contains("differs from another user's only in case");
			// nothing changed
			assertThat(SchemaSnapshot.of(target).toString()).isEqualTo(before);
			assertThat(migrator.status().legacyVersion()).isEqualTo("009_add_models");
			// and the blocker stops the migration before anything changes
			assertThatExceptionOfType(MigrationBlockedException.class).isThrownBy(migrator::migrate)
				.withMessageContaining("f0bd01a18a3d")
				.satisfies((ex) -> assertThat(ex.blockers()).isEqualTo(findings.subList(2, 4)));
			assertThat(SchemaSnapshot.of(target).toString()).isEqualTo(before);
			assertThat(migrator.status().legacyVersion()).isEqualTo("009_add_models");
			target.execute("DELETE FROM \"user\" WHERE id = 'dup-user'");
			assertThat(migrator.preflight()).isEqualTo(findings.subList(0, 2));
			migrator.migrate();
			assertThat(migrator.validate().revision()).isEqualTo(Revisions.HEAD);
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void aBlockedMigrationChangesNothingAndSaysWhy(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			DatabaseMigrator migrator = database.migrator();
			migrator.migrate(migrator.target("3af16a1c9fb6"));
			database.execute("INSERT INTO \"user\" (id, name, email, role, profile_image_url, created_at, updated_at, "
					+ "last_active_at) VALUES ('u1', 'Ada', 'ada@example.com', 'user', '', 1, 1, 1), "
					+ "('u2', 'Ada', 'ADA@example.com', 'user', '', 2, 2, 2)");
			String schema = SchemaSnapshot.of(database).toString();
			byte[] file = database.isSqlite() ? Files.readAllBytes(this.directory.resolve("webui.db")) : null;

			assertThatExceptionOfType(MigrationBlockedException.class).isThrownBy(migrator::migrate)
				.withMessageStartingWith("Nothing was migrated: 2 rows stop a pending migration, the database is unchanged: "
						+ "revisioned f0bd01a18a3d user u1: email ada@example.com differs from another user's only in case")
				.withMessageContaining("revisioned f0bd01a18a3d user u2: email ADA@example.com")
				.withMessageNotContaining("\n")
				.satisfies((ex) -> assertThat(ex.blockers()).extracting(PreflightFinding::row).containsExactly("u1", "u2"));

			assertThat(SchemaSnapshot.of(database).toString()).isEqualTo(schema);
			assertThat(migrator.status().revision()).isEqualTo("3af16a1c9fb6");
			assertThat(migrator.run().phase()).isEqualTo(MigrationRun.Phase.FAILED);
			if (file != null) {
				assertThat(Files.readAllBytes(this.directory.resolve("webui.db"))).isEqualTo(file);
			}
			// a target before the blocked revision is not held back by it
			migrator.migrate(migrator.target("959eaac8f909"));
			assertThat(migrator.status().revision()).isEqualTo("959eaac8f909");
		}
	}

}
