package io.github.webuimigrations.orchestration;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.webuimigrations.PreflightFinding;
import io.github.webuimigrations.PreflightFinding.Impact;
import io.github.webuimigrations.database.Dialect;
import io.github.webuimigrations.database.Sql;
import io.github.webuimigrations.revisioned.Revisions;
import io.github.webuimigrations.testsupport.RowDump;
import io.github.webuimigrations.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What users do that looks like what open-webui leaves half-done (spec Addendum 3,
 * look-alikes): a healthy database whose owner deleted the legacy knowledge bases, emptied
 * groups, left knowledge bases without files, or holds chats without message rows. Without
 * the trace that only open-webui's failure leaves nothing is repaired and nothing granted: the
 * rows stay as they are, and what looks half-done is reported with its evidence and how to ask
 * for the repair. Asked for, the repair runs, under the lock and after the backup.
 */
@ExtendWith(OutputCaptureExtension.class)
class RepairLookAlikeTests {

	/** Written from the clock or at random in any run. */
	private static final Set<String> UNREPEATABLE = Set.of("migratehistory.migrated_at", "access_grant.id",
			"access_grant.created_at");

	@TempDir
	Path directory;

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void legacyKnowledgeItsOwnerDeletedIsReportedNotRecreated(Dialect dialect, CapturedOutput output) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			database.migrator().migrate(database.migrator().target("c0fbf31ca0db"));
			database.execute("INSERT INTO document (collection_name, name, title, filename, content, user_id, timestamp) "
					+ "VALUES ('d1', 'doc-1', 'Doc 1', 'a.pdf', '{\"tags\": []}', 'u1', 1700000000), "
					+ "('d2', 'doc-2', 'Doc 2', 'b.pdf', '', 'u1', 1700000001)");
			// open-webui 0.11.0 made knowledge of them, with public read grants
			database.migrator().migrate(database.migrator().target("f0bd01a18a3d"));
			assertThat(rows(database, "SELECT count(*) FROM access_grant")).containsExactly("2");
			// their owner deleted both knowledge bases; open-webui keeps the documents
			database.execute("DELETE FROM access_grant WHERE resource_type = 'knowledge'",
					"DELETE FROM knowledge WHERE id IN ('d1', 'd2')");

			List<PreflightFinding> findings = database.migrator().preflight();
			assertThat(findings).noneMatch((finding) -> finding.impact() == Impact.REPAIR);
			assertThat(findings).filteredOn((finding) -> finding.impact() == Impact.POSSIBLE_REPAIR)
				.singleElement()
				.satisfies((finding) -> assertThat(finding.migration()).isEqualTo("6a39f3d8e55c"))
				.satisfies((finding) -> assertThat(finding.problem()).contains("2 documents (d1, d2) have no knowledge entry")
					.contains("migrate --repair 6a39f3d8e55c")
					.contains("webui.migrations.repair=6a39f3d8e55c"));

			database.migrator().migrate();
			assertThat(database.migrator().status().revision()).isEqualTo(Revisions.HEAD);
			assertThat(rows(database, "SELECT count(*) FROM knowledge")).containsExactly("0");
			assertThat(rows(database, "SELECT count(*) FROM access_grant")).containsExactly("0");
			// the start-up says so, once
			assertThat(output.getOut().lines().filter((line) -> line.contains("Possibly left half-done by open-webui")))
				.singleElement()
				.satisfies((line) -> assertThat(line).contains("WARN").contains("2 documents (d1, d2)"));
			Map<String, List<String>> atHead = RowDump.asStored(database, UNREPEATABLE);
			database.migrator().migrate();
			assertThat(RowDump.asStored(database, UNREPEATABLE)).isEqualTo(atHead);
			assertThat(database.migrator().halfDone()).extracting(PreflightFinding::impact)
				.containsExactly(Impact.POSSIBLE_REPAIR);

			// asked for: recreated with what open-webui gave them, under the lock and after a backup
			DatabaseMigrator asked = database.configure().backup(true).repair(List.of("6a39f3d8e55c")).load();
			asked.migrate();
			assertThat(rows(database, "SELECT id FROM knowledge ORDER BY id")).containsExactly("d1", "d2");
			assertThat(rows(database, "SELECT resource_id || ' ' || principal_id || ' ' || permission FROM access_grant "
					+ "ORDER BY resource_id")).containsExactly("d1 * read", "d2 * read");
			assertThat(asked.backups()).hasSize(database.isSqlite() ? 1 : 0);
			assertThat(database.migrator().halfDone()).isEmpty();
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void groupsEmptiedAndKnowledgeWithoutFilesAreNotHalfDone(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			database.migrator().migrate();
			database.execute(user("u1"), user("u2"),
					"INSERT INTO \"group\" (id, user_id, name, description, created_at, updated_at) VALUES "
							+ "('g1', 'u1', 'G', '', 1, 1)",
					"INSERT INTO group_member (id, group_id, user_id, created_at, updated_at) VALUES ('m1', 'g1', 'u2', 1, 1)",
					"INSERT INTO knowledge (id, user_id, name, description, created_at, updated_at) VALUES "
							+ "('k1', 'u1', 'K', '', 1, 1)",
					// a user removed the group's members and every file of the knowledge base
					"DELETE FROM group_member");
			Map<String, List<String>> before = RowDump.asStored(database, UNREPEATABLE);

			assertThat(database.migrator().preflight()).isEmpty();
			database.migrator().migrate();

			assertThat(RowDump.asStored(database, UNREPEATABLE)).isEqualTo(before);
			assertThat(database.migrator().halfDone()).isEmpty();
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void chatsWithoutMessageRowsAreReportedNotBackfilledUnlessAsked(Dialect dialect) throws Exception {
		String history = "{\"title\": \"t\", \"history\": {\"currentId\": \"m1\", \"messages\": {\"m1\": {\"id\": \"m1\", "
				+ "\"role\": \"user\", \"content\": \"hi\", \"timestamp\": 1700000000}}}}";
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			database.migrator().migrate();
			database.execute(user("u1"), "INSERT INTO chat (id, user_id, title, chat, archived, created_at, updated_at, meta) "
					+ "VALUES ('c1', 'u1', 't', '" + history + "', " + (database.isSqlite() ? "0" : "false")
					+ ", 1, 1, '{}')");
			// every chat is an object: nothing tells this apart from chats whose message rows were removed
			Map<String, List<String>> before = RowDump.asStored(database, UNREPEATABLE);

			assertThat(database.migrator().preflight()).filteredOn((finding) -> finding.impact() == Impact.POSSIBLE_REPAIR)
				.extracting(PreflightFinding::migration)
				.containsExactly("8452d01d26d7");
			database.migrator().migrate();
			assertThat(RowDump.asStored(database, UNREPEATABLE)).isEqualTo(before);

			database.configure().repair(List.of("8452d01d26d7")).load().migrate();
			assertThat(rows(database, "SELECT id FROM chat_message")).containsExactly("c1-m1");
		}
	}

	private static String user(String id) {
		return "INSERT INTO \"user\" (id, name, email, role, profile_image_url, created_at, updated_at, last_active_at) "
				+ "VALUES ('" + id + "', 'n', '" + id + "@x.com', 'user', '', 1, 1, 1)";
	}

	private static List<String> rows(TestDatabase database, String sql) throws Exception {
		try (Connection connection = database.connection()) {
			return Sql.strings(connection, sql);
		}
	}

}
