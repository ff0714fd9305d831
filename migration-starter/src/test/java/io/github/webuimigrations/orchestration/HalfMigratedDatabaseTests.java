package io.github.webuimigrations.orchestration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.webuimigrations.PreflightFinding;
import io.github.webuimigrations.PreflightFinding.Impact;
import io.github.webuimigrations.database.Sql;
import io.github.webuimigrations.legacy.LegacyTier;
import io.github.webuimigrations.revisioned.Revisions;
import io.github.webuimigrations.revisioned.op.RevisionOperations;
import io.github.webuimigrations.testsupport.SchemaSnapshot;
import io.github.webuimigrations.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The SQLite databases open-webui leaves half-migrated (spec Addendum 3), built as upstream
 * leaves them (schema, rows, bookkeeping: a failed first start keeps the revision's DDL, the
 * second start's guard skips it): {@code preflight} lists the repair and changes nothing,
 * {@code migrate} reaches head with the rows of a run that never failed.
 */
class HalfMigratedDatabaseTests {

	@TempDir
	Path directory;

	@Test
	void anEmptyBatchTableLeftByAFailedRebuildIsDroppedAndTheRevisionRuns() throws Exception {
		try (TestDatabase reference = database("reference"); TestDatabase upstream = database("upstream")) {
			for (TestDatabase database : List.of(reference, upstream)) {
				database.migrator().migrate(database.migrator().target("c69f45358db4"));
				database.execute("INSERT INTO file (id, user_id, filename, meta, created_at) VALUES "
						+ "('f1', 'u1', 'a.pdf', '{\"path\": \"/data/a.pdf\"}', 1), ('f2', 'u1', 'b.pdf', 'null', 2)");
			}
			// open-webui's first start: c29facfe716b adds file.path, starts its batch rebuild, fails on the null meta
			upstream.execute("ALTER TABLE file ADD COLUMN path TEXT",
					"CREATE TABLE _alembic_tmp_file (id VARCHAR(255) NOT NULL, user_id VARCHAR(255) NOT NULL, filename TEXT "
							+ "NOT NULL, meta JSON, created_at INTEGER NOT NULL, hash TEXT, data JSON, updated_at BIGINT, path TEXT)");
			dropOurBookkeeping(upstream);
			List<String> before = SchemaSnapshot.of(upstream);

			List<PreflightFinding> findings = upstream.migrator().preflight();

			assertThat(findings).filteredOn((finding) -> finding.impact() == Impact.REPAIR)
				.extracting(PreflightFinding::migration, PreflightFinding::table)
				.containsExactly(tuple("batch", "_alembic_tmp_file"));
			assertThat(SchemaSnapshot.of(upstream)).isEqualTo(before);
			// a copy with rows is not dropped: it may hold the only copy of something
			upstream.execute("INSERT INTO _alembic_tmp_file (id, user_id, filename, created_at) VALUES ('x', 'u', 'f', 1)");
			assertThatExceptionOfType(io.github.webuimigrations.MigrationBlockedException.class)
				.isThrownBy(upstream.migrator()::migrate)
				.withMessageContaining("_alembic_tmp_file (table): a table left by a failed rebuild of file holds rows");
			upstream.execute("DELETE FROM _alembic_tmp_file");

			upstream.migrator().migrate();
			reference.migrator().migrate();

			assertThat(upstream.migrator().status().revision()).isEqualTo(Revisions.HEAD);
			assertThat(rows(upstream, "SELECT id || ' ' || coalesce(path, 'NULL') FROM file ORDER BY id"))
				.isEqualTo(rows(reference, "SELECT id || ' ' || coalesce(path, 'NULL') FROM file ORDER BY id"))
				.containsExactly("f1 /data/a.pdf", "f2 NULL");
			assertThat(SchemaSnapshot.of(upstream)).isEqualTo(SchemaSnapshot.of(reference));
		}
	}

	@Test
	void groupsWhoseMembersWereNeverCopiedGetThem() throws Exception {
		try (TestDatabase reference = database("reference"); TestDatabase upstream = database("upstream")) {
			for (TestDatabase database : List.of(reference, upstream)) {
				database.migrator().migrate(database.migrator().target("a5c220713937"));
				database.execute(user("u1"), user("u2"), "INSERT INTO \"group\" (id, user_id, name, description, user_ids, "
						+ "created_at, updated_at) VALUES ('g1', 'u1', 'G', '', '[\"u1\", \"u1\", \"u2\"]', 1, 1)");
			}
			// first start: group_member created, the copy fails on u1 listed twice; second start skips 37f288994c47
			createAsUpstream(upstream, "37f288994c47", "group_member");
			upstream.revisionedTier().migrate(null);
			dropOurBookkeeping(upstream);
			assertThat(rows(upstream, "SELECT count(*) FROM group_member")).containsExactly("0");

			assertThat(upstream.migrator().preflight()).filteredOn((finding) -> finding.impact() == Impact.REPAIR)
				.extracting(PreflightFinding::migration)
				.containsExactly("37f288994c47");
			assertThat(rows(upstream, "SELECT count(*) FROM group_member")).containsExactly("0");

			upstream.migrator().migrate();
			reference.migrator().migrate();

			String members = "SELECT group_id || ' ' || user_id FROM group_member ORDER BY group_id, user_id";
			assertThat(rows(upstream, members)).isEqualTo(rows(reference, members)).containsExactly("g1 u1", "g1 u2");
			assertThat(SchemaSnapshot.of(upstream)).isEqualTo(SchemaSnapshot.of(reference));
			assertThat(upstream.migrator().preflight()).noneMatch((finding) -> finding.impact() == Impact.REPAIR);
		}
	}

	@Test
	void knowledgeWhoseFilesWereNeverLinkedGetsThem() throws Exception {
		try (TestDatabase reference = database("reference"); TestDatabase upstream = database("upstream")) {
			for (TestDatabase database : List.of(reference, upstream)) {
				database.migrator().migrate(database.migrator().target("90ef40d4714e"));
				database.execute(user("u1"), "INSERT INTO file (id, user_id, filename, meta, created_at) VALUES "
						+ "('f1', 'u1', 'a.pdf', '{}', 1), ('f2', 'u1', 'b.pdf', '{}', 1)",
						"INSERT INTO knowledge (id, user_id, name, description, data, created_at, updated_at) VALUES "
								+ "('k1', 'u1', 'K', '', '{\"file_ids\": [\"f1\", \"f1\", \"f2\", \"gone\"]}', 1, 1)");
			}
			// first start: knowledge_file created, the copy fails on f1 listed twice; second start skips 3e0e00844bb0
			createAsUpstream(upstream, "3e0e00844bb0", "knowledge_file");
			upstream.revisionedTier().migrate(null);
			dropOurBookkeeping(upstream);

			assertThat(upstream.migrator().preflight()).filteredOn((finding) -> finding.impact() == Impact.REPAIR)
				.extracting(PreflightFinding::migration)
				.containsExactly("3e0e00844bb0");

			upstream.migrator().migrate();
			reference.migrator().migrate();

			String links = "SELECT knowledge_id || ' ' || file_id FROM knowledge_file ORDER BY knowledge_id, file_id";
			assertThat(rows(upstream, links)).isEqualTo(rows(reference, links)).containsExactly("k1 f1", "k1 f2");
			assertThat(rows(upstream, "SELECT coalesce(data, 'NULL') FROM knowledge"))
				.isEqualTo(rows(reference, "SELECT coalesce(data, 'NULL') FROM knowledge"));
			assertThat(SchemaSnapshot.of(upstream)).isEqualTo(SchemaSnapshot.of(reference));
		}
	}

	@Test
	void documentsThatNeverBecameKnowledgeDoOwnerOnlyUnlessTheRepairIsAskedFor() throws Exception {
		try (TestDatabase reference = database("reference"); TestDatabase upstream = database("upstream");
				TestDatabase asked = database("asked")) {
			for (TestDatabase database : List.of(reference, upstream, asked)) {
				database.migrator().migrate(database.migrator().target("c0fbf31ca0db"));
				database.execute("INSERT INTO document (collection_name, name, title, filename, content, user_id, timestamp) "
						+ "VALUES ('d1', 'doc-1', 'Doc 1', 'a.pdf', '{\"tags\": [{\"name\": \"work\"}]}', 'u1', 1700000000), "
						+ "('d2', 'doc-2', 'Doc 2', 'b.pdf', 'not json', 'u1', 1700000001)");
			}
			// first start: knowledge created, the copy fails on d2; second start skips 6a39f3d8e55c
			for (TestDatabase database : List.of(upstream, asked)) {
				createAsUpstream(database, "6a39f3d8e55c", "knowledge");
				database.revisionedTier().migrate(null);
				dropOurBookkeeping(database);
				assertThat(rows(database, "SELECT count(*) FROM knowledge")).containsExactly("0");
			}

			// the document the copy stopped on is the trace: repaired without being asked, granting nothing
			assertThat(upstream.migrator().preflight()).filteredOn((finding) -> finding.impact() == Impact.REPAIR)
				.singleElement()
				.satisfies((finding) -> assertThat(finding.migration()).isEqualTo("6a39f3d8e55c"))
				.satisfies((finding) -> assertThat(finding.problem()).contains("2 documents (d1, d2) have no knowledge entry")
					.contains("1 document (d2) whose content open-webui's copy cannot read"));

			upstream.migrator().migrate();
			asked.configure().repair(List.of("6a39f3d8e55c")).load().migrate();
			reference.migrator().migrate();

			String knowledge = "SELECT id || ' ' || name || ' ' || description || ' ' || meta || ' ' || created_at "
					+ "FROM knowledge ORDER BY id";
			assertThat(rows(upstream, knowledge)).isEqualTo(rows(reference, knowledge)).hasSize(2);
			assertThat(rows(asked, knowledge)).isEqualTo(rows(reference, knowledge));
			String grants = "SELECT resource_type || ' ' || resource_id || ' ' || principal_type || ' ' || principal_id "
					+ "|| ' ' || permission FROM access_grant ORDER BY resource_id";
			// owner-only: open-webui's public read grant only when asked for
			assertThat(rows(upstream, grants)).isEmpty();
			assertThat(rows(asked, grants)).isEqualTo(rows(reference, grants))
				.containsExactly("knowledge d1 user * read", "knowledge d2 user * read");
			assertThat(SchemaSnapshot.of(upstream)).isEqualTo(SchemaSnapshot.of(reference));
			assertThat(SchemaSnapshot.of(asked)).isEqualTo(SchemaSnapshot.of(reference));
		}
	}

	@Test
	void chatMessagesThatWereNeverBackfilledAre() throws Exception {
		String history = "{\"title\": \"t\", \"history\": {\"currentId\": \"m2\", \"messages\": {"
				+ "\"m1\": {\"id\": \"m1\", \"role\": \"user\", \"content\": \"hi\", \"timestamp\": 1700000000}, "
				+ "\"m2\": {\"id\": \"m2\", \"parentId\": \"m1\", \"role\": \"assistant\", \"content\": \"hello\", "
				+ "\"timestamp\": 1700000005}}}}";
		try (TestDatabase reference = database("reference"); TestDatabase upstream = database("upstream")) {
			for (TestDatabase database : List.of(reference, upstream)) {
				database.migrator().migrate(database.migrator().target("374d2f66af06"));
				database.execute("INSERT INTO chat (id, user_id, title, chat, archived, created_at, updated_at) VALUES "
						+ "('c1', 'u1', 't', '" + history + "', 0, 1, 1), ('c2', 'u1', 't', '[1, 2, 3]', 0, 1, 1)");
			}
			// first start: chat_message created, the backfill fails on c2; second start skips 8452d01d26d7
			createAsUpstream(upstream, "8452d01d26d7", "chat_message");
			upstream.revisionedTier().migrate(null);
			dropOurBookkeeping(upstream);

			assertThat(upstream.migrator().preflight()).filteredOn((finding) -> finding.impact() == Impact.REPAIR)
				.extracting(PreflightFinding::migration)
				.containsExactly("8452d01d26d7");

			upstream.migrator().migrate();
			reference.migrator().migrate();

			String messages = "SELECT id || ' ' || chat_id || ' ' || role || ' ' || coalesce(parent_id, '-') || ' ' || content "
					+ "|| ' ' || created_at FROM chat_message ORDER BY id";
			assertThat(rows(upstream, messages)).isEqualTo(rows(reference, messages))
				.containsExactly("c1-m1 c1 user - \"hi\" 1700000000", "c1-m2 c1 assistant m1 \"hello\" 1700000005");
			String current = "SELECT id || ' ' || coalesce(current_message_id, '-') FROM chat ORDER BY id";
			assertThat(rows(upstream, current)).isEqualTo(rows(reference, current));
			assertThat(SchemaSnapshot.of(upstream)).isEqualTo(SchemaSnapshot.of(reference));
		}
	}

	/** Creates a table (and its indexes) with the DDL the revision runs, as a failed run leaves it. */
	private void createAsUpstream(TestDatabase database, String revision, String table) throws Exception {
		List<String> ddl;
		try (TestDatabase scratch = database("ddl-" + revision)) {
			scratch.migrator().migrate(scratch.migrator().target(revision));
			ddl = rows(scratch, "SELECT sql FROM sqlite_master WHERE tbl_name = '" + table + "' AND sql IS NOT NULL "
					+ "ORDER BY type DESC, rowid");
		}
		try (Connection connection = database.connection()) {
			RevisionOperations op = new RevisionOperations(connection);
			for (String statement : ddl) {
				op.execute(statement);
			}
		}
	}

	private TestDatabase database(String name) throws Exception {
		return TestDatabase.sqlite(Files.createDirectories(this.directory.resolve(name)).resolve("webui.db"));
	}

	private static String user(String id) {
		return "INSERT INTO \"user\" (id, name, email, role, profile_image_url, created_at, updated_at, last_active_at) "
				+ "VALUES ('" + id + "', 'n', '" + id + "@x.com', 'user', '', 1, 1, 1)";
	}

	private static void dropOurBookkeeping(TestDatabase database) throws Exception {
		database.execute("DROP TABLE IF EXISTS " + LegacyTier.DEFAULT_HISTORY_TABLE, "DROP TABLE IF EXISTS DATABASECHANGELOG",
				"DROP TABLE IF EXISTS DATABASECHANGELOGLOCK");
	}

	private static List<String> rows(TestDatabase database, String sql) throws Exception {
		try (Connection connection = database.connection()) {
			return Sql.strings(connection, sql);
		}
	}

}
