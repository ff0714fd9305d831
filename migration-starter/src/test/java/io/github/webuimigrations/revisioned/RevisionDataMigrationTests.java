package io.github.webuimigrations.revisioned;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.webuimigrations.PreflightFinding;
import io.github.webuimigrations.database.Dialect;
import io.github.webuimigrations.revisioned.op.RevisionOperations;
import io.github.webuimigrations.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The data migrations of the revisioned tier with well-formed and awkward rows, on both
 * dialects, compared with the JSON text upstream writes (Python's {@code json.dumps}).
 */
class RevisionDataMigrationTests {

	@TempDir
	Path directory;

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void documentsBecomeKnowledge(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			database.legacyTier().migrate(null);
			RevisionedTier tier = database.revisionedTier();
			tier.migrate("c0fbf31ca0db");
			document(database, "c1", "Doc \u00fc", "{\"tags\": [{\"name\": \"work\"}], \"other\": 1}", 1700000000L);
			document(database, "c2", "No content", null, 1700000001L);
			document(database, "c3", "Broken", "not json", 1700000002L);
			document(database, "c4", "A list", "[1, 2]", 1700000003L);
			document(database, "c5", "Odd tags", "{\"tags\": \"x\"}", 1700000004L);
			tier.migrate("6a39f3d8e55c");
			Map<String, Object[]> rows = rows(database,
					"SELECT id, user_id, name, description, meta, data, created_at, updated_at FROM knowledge");
			assertThat(rows).hasSize(5);
			assertThat(rows.get("c1")).containsExactly("c1", "u1", "Doc \u00fc", "name-c1",
					"{\"legacy\": true, \"document\": true, \"tags\": [{\"name\": \"work\"}]}", null, 1700000000L,
					1700000000L);
			assertThat(rows.get("c2")[4]).isEqualTo("{\"legacy\": true, \"document\": true, \"tags\": []}");
			// upstream stops the upgrade on these two; the document rows keep their content either way
			assertThat(rows.get("c3")[4]).isEqualTo("{\"legacy\": true, \"document\": true, \"tags\": []}");
			assertThat(rows.get("c4")[4]).isEqualTo("{\"legacy\": true, \"document\": true, \"tags\": []}");
			assertThat(rows.get("c5")[4]).isEqualTo("{\"legacy\": true, \"document\": true, \"tags\": \"x\"}");
			assertThat(rows(database, "SELECT collection_name, content FROM document").get("c3")[1]).isEqualTo("not json");
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void chatTextBecomesJsonAndBack(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			database.legacyTier().migrate(null);
			RevisionedTier tier = database.revisionedTier();
			tier.migrate("6a39f3d8e55c");
			String huge = "x".repeat(2_000_000);
			Map<String, String> chats = new LinkedHashMap<>();
			chats.put("compact", "{\"title\":\"t\",\"messages\":[]}");
			chats.put("unicode", "{\"title\":\"\u00fc \u4e2d \uD83D\uDE80\"}");
			chats.put("invalid", "not json{");
			chats.put("empty", "");
			chats.put("string", "\"just text\"");
			chats.put("huge", "{\"content\": \"" + huge + "\"}");
			chats.put("nan", "{\"x\": NaN}");
			chats.forEach((id, chat) -> chat(database, id, chat));
			tier.migrate("242a2047eae0");
			Map<String, Object[]> rows = rows(database, "SELECT id, chat FROM chat");
			assertThat(text(rows.get("compact"))).isEqualTo("{\"title\": \"t\", \"messages\": []}");
			assertThat(text(rows.get("unicode"))).isEqualTo("{\"title\": \"\\u00fc \\u4e2d \\ud83d\\ude80\"}");
			// upstream writes JSON null for these, losing the chat
			assertThat(text(rows.get("invalid"))).isEqualTo("{\"legacy_unparsed_chat\": \"not json{\"}");
			assertThat(text(rows.get("empty"))).isEqualTo("{\"legacy_unparsed_chat\": \"\"}");
			assertThat(text(rows.get("string"))).isEqualTo("\"just text\"");
			assertThat(text(rows.get("huge"))).isEqualTo("{\"content\": \"" + huge + "\"}");
			assertThat(text(rows.get("nan"))).isEqualTo(database.isSqlite() ? "{\"x\": NaN}"
					: "{\"legacy_unparsed_chat\": \"{\\\"x\\\": NaN}\"}");
			tier.rollback("6a39f3d8e55c");
			rows = rows(database, "SELECT id, chat FROM chat");
			assertThat(text(rows.get("compact"))).isEqualTo("{\"title\": \"t\", \"messages\": []}");
			assertThat(text(rows.get("invalid"))).isEqualTo("{\"legacy_unparsed_chat\": \"not json{\"}");
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void tagsAreNormalisedWithoutLosingAny(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			database.legacyTier().migrate(null);
			RevisionedTier tier = database.revisionedTier();
			tier.migrate("242a2047eae0");
			database.execute("INSERT INTO tag (id, name, user_id, data) VALUES ('already_normal', 'Already Normal', 'u1', NULL)",
					"INSERT INTO tag (id, name, user_id, data) VALUES ('t-2', 'Pinned', 'u1', NULL)",
					"INSERT INTO tag (id, name, user_id, data) VALUES ('t-3', 'Shared Name', 'u1', 'plain text')",
					"INSERT INTO tag (id, name, user_id, data) VALUES ('t-4', 'Shared Name', 'u2', '{\"color\": \"red\"}')",
					"INSERT INTO tag (id, name, user_id, data) VALUES ('t-5', 'shared name', 'u1', NULL)");
			database.execute(("INSERT INTO chat (id, user_id, title, chat, archived, created_at, updated_at) VALUES "
					+ "('c1', 'u1', 't', '{}', 0, 1, 1), ('c2', 'u1', 't', '{}', 0, 1, 1), ('c3', 'u1', 't', '{}', 0, 1, 1)")
				.replace(", 0, 1, 1)", database.isSqlite() ? ", 0, 1, 1)" : ", false, 1, 1)"));
			database.execute("INSERT INTO chatidtag (id, tag_name, chat_id, user_id, timestamp) VALUES "
					+ "('x1', 'Shared Name', 'c1', 'u1', 1), ('x2', 'shared name', 'c1', 'u1', 2), "
					+ "('x3', 'Pinned', 'c1', 'u1', 3), ('x4', 'Zeta', 'c1', 'u1', 4), ('x5', 'Pinned', 'c2', 'u1', 5)");
			tier.migrate("1af9b942657b");
			assertThat(rows(database, "SELECT id, user_id, meta FROM tag").values()).extracting((row) -> row[0] + "/"
					+ row[1] + "/" + row[2])
				.containsExactlyInAnyOrder("already_normal/u1/null", "shared_name/u1/{\"legacy_data\": \"plain text\"}",
						"t-4/u2/{\"color\": \"red\"}");
			Map<String, Object[]> chats = rows(database, "SELECT id, meta, pinned FROM chat");
			assertThat(text(chats.get("c1"))).isEqualTo("{\"tags\": [\"shared_name\", \"zeta\"]}");
			assertThat(chats.get("c1")[2]).isIn(1L, "true");
			assertThat(text(chats.get("c2"))).isEqualTo("{}");
			assertThat(chats.get("c2")[2]).isIn(1L, "true");
			assertThat(text(chats.get("c3"))).isEqualTo("{}");
			assertThat(chats.get("c3")[2]).isNull();
			tier.migrate("3ab32c4b8f59");
			assertThat(rows(database, "SELECT id || '/' || user_id AS k FROM tag").keySet())
				.containsExactlyInAnyOrder("already_normal/u1", "shared_name/u1", "shared_name/u2");
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void filePathComesFromMeta(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			database.legacyTier().migrate(null);
			RevisionedTier tier = database.revisionedTier();
			tier.migrate("c69f45358db4");
			database.execute("INSERT INTO file (id, user_id, filename, meta, created_at) VALUES "
					+ "('f1', 'u1', 'a.pdf', '{\"path\": \"/data/uploads/a.pdf\", \"size\": 3}', 1), "
					+ "('f2', 'u1', 'b.pdf', '{\"size\": 3}', 1), ('f3', 'u1', 'c.pdf', 'null', 1), "
					+ "('f4', 'u1', 'd.pdf', 'not json', 1), ('f5', 'u1', 'e.pdf', '{\"path\": null, \"size\": 3}', 1), "
					+ "('f6', 'u1', 'f.pdf', '{\"path\": 7}', 1)");
			tier.migrate("c29facfe716b");
			Map<String, Object[]> files = rows(database, "SELECT id, path, meta FROM file");
			assertThat(files.get("f1")[1]).isEqualTo("/data/uploads/a.pdf");
			assertThat(files.get("f2")[1]).isNull();
			assertThat(files.get("f3")[1]).isNull();
			assertThat(files.get("f3")[2]).isEqualTo("null");
			// a JSON null path stays SQL NULL, as upstream leaves it (not the text 'null')
			assertThat(files.get("f5")[1]).isNull();
			assertThat(files.get("f6")[1]).isEqualTo("7");
			// PostgreSQL's json cast fails on it upstream; we keep the text inside valid JSON
			assertThat(files.get("f4")[2])
				.isEqualTo(database.isSqlite() ? "not json" : "{\"legacy_unparsed_meta\": \"not json\"}");
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void folderTimestampsBecomeEpochSeconds(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			database.legacyTier().migrate(null);
			RevisionedTier tier = database.revisionedTier();
			tier.migrate("af906e964978");
			database.execute("INSERT INTO folder (id, user_id, name, is_expanded, created_at, updated_at) VALUES "
					+ "('d1', 'u1', 'Work', " + (database.isSqlite() ? "0" : "false")
					+ ", '2026-11-25 16:57:42', '2026-11-25 17:00:00')");
			tier.migrate("4ace53fd72c8");
			// upstream's SQLite copy leaves 2026, the year
			assertThat(rows(database, "SELECT id, created_at, updated_at FROM folder").get("d1")).containsExactly("d1",
					1795625862L, 1795626000L);
			tier.rollback("af906e964978");
			assertThat(rows(database, "SELECT id, CAST(created_at AS TEXT) FROM folder").get("d1")[1].toString())
				.startsWith("2026-11-25 16:57:42");
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void groupUserIdsBecomeMembersWithoutStoppingOnDuplicatesOrDeletedUsers(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			database.legacyTier().migrate(null);
			RevisionedTier tier = database.revisionedTier();
			tier.migrate("a5c220713937");
			for (String user : new String[] { "u1", "u2" }) {
				database.execute("INSERT INTO \"user\" (id, name, email, role, profile_image_url, created_at, updated_at, "
						+ "last_active_at) VALUES ('" + user + "', 'n', 'e', 'user', '', 1, 1, 1)");
			}
			String json = database.isSqlite() ? "?" : "CAST(? AS JSON)";
			for (String[] group : new String[][] { { "g1", "[\"u1\", \"u2\", \"u1\"]" }, { "g2", "[\"u2\", \"gone\"]" },
					{ "g3", "\"[\\\"u1\\\"]\"" }, { "g4", "[]" }, { "g5", null } }) {
				try (Connection connection = database.connection();
						PreparedStatement insert = connection.prepareStatement(
								"INSERT INTO \"group\" (id, name, user_ids, created_at, updated_at) VALUES (?, 'G', " + json
										+ ", 1, 1)")) {
					insert.setString(1, group[0]);
					insert.setString(2, group[1]);
					insert.executeUpdate();
				}
			}
			tier.migrate("37f288994c47");
			assertThat(rows(database, "SELECT group_id || '/' || user_id FROM group_member").keySet())
				.containsExactlyInAnyOrder("g1/u1", "g1/u2", "g2/u2", "g3/u1");
			tier.rollback("a5c220713937");
			Map<String, Object[]> groups = rows(database, "SELECT id, user_ids FROM \"group\"");
			assertThat(text(groups.get("g1"))).isEqualTo("[\"u1\", \"u2\"]");
			assertThat(text(groups.get("g4"))).isEqualTo("[]");
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void channelMembersGetAJoinTimeInsteadOfStoppingTheUpgrade(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			database.legacyTier().migrate(null);
			RevisionedTier tier = database.revisionedTier();
			tier.migrate("37f288994c47");
			database.execute("INSERT INTO channel_member (id, channel_id, user_id, created_at) VALUES "
					+ "('m1', 'c1', 'u1', 1700000000), ('m2', 'c1', 'u2', NULL)");
			tier.migrate("2f1211949ecc");
			Map<String, Object[]> members = rows(database, "SELECT id, joined_at, is_active FROM channel_member");
			assertThat(members.get("m1")[1]).isEqualTo(1700000000L);
			assertThat((Long) members.get("m2")[1]).isGreaterThan(1_700_000_000L);
			assertThat(members.get("m1")[2]).isIn(1L, "true");
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void userReshapeMovesKeysAndOauthAndKeepsUnparsableInfo(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			database.legacyTier().migrate(null);
			RevisionedTier tier = database.revisionedTier();
			tier.migrate("2f1211949ecc");
			database.execute("INSERT INTO \"user\" (id, name, email, role, profile_image_url, created_at, updated_at, "
					+ "last_active_at, api_key, oauth_sub, info, settings) VALUES "
					+ "('u1', 'Ada', 'a@x', 'admin', '', 1, 1, 1, 'sk-1', 'google@123', '{\"location\": \"\u00fc\"}', NULL), "
					+ "('u2', 'Bo', 'b@x', 'user', '', 1, 1, 1, NULL, 'plain-sub', 'not json', '{}'), "
					+ "('u3', 'Cy', 'c@x', 'user', '', 1, 1, 1, '', NULL, NULL, NULL), "
					+ "('u4', 'Di', 'd@x', 'user', '', 1, 1, 1, NULL, NULL, '{\"nick\": \"NaN Infinity\"}', NULL)");
			tier.migrate("b10670c03dd5");
			Map<String, Object[]> users = rows(database, "SELECT id, oauth, info, settings FROM \"user\"");
			// upstream double-encodes: "{\"google\": {\"sub\": \"123\"}}" as a JSON string
			assertThat(text(new Object[] { null, users.get("u1")[1] })).isEqualTo("{\"google\": {\"sub\": \"123\"}}");
			assertThat(text(new Object[] { null, users.get("u2")[1] })).isEqualTo("{\"oidc\": {\"sub\": \"plain-sub\"}}");
			assertThat(users.get("u3")[1]).isNull();
			assertThat(text(new Object[] { null, users.get("u1")[2] })).isEqualTo("{\"location\": \"\u00fc\"}");
			assertThat(text(new Object[] { null, users.get("u2")[2] })).isEqualTo("{\"legacy_unparsed_info\": \"not json\"}");
			// SQL NULL: JSON null on SQLite as upstream writes it, NULL on PostgreSQL; Python reads None either way
			assertThat(users.get("u3")[2]).isEqualTo(database.isSqlite() ? "null" : null);
			// text that merely mentions NaN is ordinary JSON
			assertThat(text(new Object[] { null, users.get("u4")[2] })).isEqualTo("{\"nick\": \"NaN Infinity\"}");
			assertThat(rows(database, "SELECT id, user_id, key FROM api_key").values())
				.extracting((row) -> row[0] + "/" + row[1] + "/" + row[2])
				.containsExactly("key_u1/u1/sk-1");
			tier.rollback("2f1211949ecc");
			Map<String, Object[]> restored = rows(database, "SELECT id, api_key, oauth_sub FROM \"user\"");
			assertThat(restored.get("u1")).containsExactly("u1", "sk-1", "google@123");
			assertThat(restored.get("u2")).containsExactly("u2", null, "oidc@plain-sub");
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void knowledgeFileIdsBecomeRowsWithoutStoppingOnDuplicates(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			database.legacyTier().migrate(null);
			RevisionedTier tier = database.revisionedTier();
			tier.migrate("90ef40d4714e");
			database.execute("INSERT INTO file (id, user_id, filename, meta, created_at) VALUES "
					+ "('f1', 'u1', 'a', '{}', 1), ('f2', 'u1', 'b', '{}', 1)");
			String json = database.isSqlite() ? "?" : "CAST(? AS JSON)";
			for (String[] knowledge : new String[][] { { "k1", "{\"file_ids\": [\"f1\", \"f2\", \"f1\", \"missing\"]}" },
					{ "k2", "\"{\\\"file_ids\\\": [\\\"f2\\\"]}\"" }, { "k3", "{\"other\": 1}" }, { "k4", null } }) {
				try (Connection connection = database.connection(); PreparedStatement insert = connection.prepareStatement(
						"INSERT INTO knowledge (id, user_id, name, data, created_at) VALUES (?, 'u1', 'K', " + json + ", 1)")) {
					insert.setString(1, knowledge[0]);
					insert.setString(2, knowledge[1]);
					insert.executeUpdate();
				}
			}
			tier.migrate("3e0e00844bb0");
			assertThat(rows(database, "SELECT knowledge_id || '/' || file_id || '/' || user_id FROM knowledge_file").keySet())
				.containsExactlyInAnyOrder("k1/f1/u1", "k1/f2/u1", "k2/f2/u1");
			tier.migrate("81cc2ce44d79");
			tier.rollback("90ef40d4714e");
			Map<String, Object[]> knowledge = rows(database, "SELECT id, data FROM knowledge");
			assertThat(text(knowledge.get("k2"))).isEqualTo("{\"file_ids\": [\"f2\"]}");
			assertThat(text(knowledge.get("k3"))).isEqualTo("{\"file_ids\": []}");
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void chatMessagesAreBackfilledFromEveryChatsHistory(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			database.legacyTier().migrate(null);
			RevisionedTier tier = database.revisionedTier();
			tier.migrate("374d2f66af06");
			String history = "{\"history\": {\"messages\": {"
					+ "\"m0\": {\"role\": \"user\", \"content\": \"h\u00e9\", \"parentId\": null, \"timestamp\": 1700000000000},"
					+ "\"m1\": {\"role\": \"assistant\", \"content\": \"x\", \"parentId\": \"m0\", \"model\": \"llama3\", "
					+ "\"done\": false, \"usage\": {\"tokens\": 3}, \"timestamp\": \"1700000001\"},"
					+ "\"m2\": {\"role\": \"\", \"content\": \"no role\"}, \"m3\": \"not a message\","
					+ "\"m4\": {\"role\": \"user\", \"timestamp\": 12}}}}";
			String chat = database.isSqlite() ? "?" : "CAST(? AS JSON)";
			for (String[] row : new String[][] { { "c1", "u1", history }, { "c2", "shared-c1", history },
					{ "c3", "u1", "[1, 2, 3]" }, { "c4", "u1", "{\"history\": []}" },
					// both make message id a-b-c: the chat read first (by id) keeps it
					{ "a-b", "u1", "{\"history\": {\"messages\": {\"c\": {\"role\": \"user\", \"content\": \"from a-b\"}}}}" },
					{ "a", "u1", "{\"history\": {\"messages\": {\"b-c\": {\"role\": \"user\", \"content\": \"from a\"}}}}" } }) {
				try (Connection connection = database.connection(); PreparedStatement insert = connection.prepareStatement(
						"INSERT INTO chat (id, user_id, title, chat, archived, created_at, updated_at, meta) VALUES "
								+ "(?, ?, 't', " + chat + ", " + (database.isSqlite() ? "0" : "false") + ", 1, 1, " + chat + ")")) {
					insert.setString(1, row[0]);
					insert.setString(2, row[1]);
					insert.setString(3, row[2]);
					insert.setString(4, "{}");
					insert.executeUpdate();
				}
			}
			long before = System.currentTimeMillis() / 1000;
			tier.migrate("8452d01d26d7");
			Map<String, Object[]> messages = rows(database,
					"SELECT id, role, parent_id, content, model_id, done, usage, output, created_at FROM chat_message");
			assertThat(messages.keySet()).containsExactlyInAnyOrder("c1-m0", "c1-m1", "c1-m4", "a-b-c");
			assertThat(messages.get("a-b-c")[3]).isEqualTo("\"from a\"");
			assertThat(messages.get("c1-m0")).containsExactly("c1-m0", "user", null, "\"h\\u00e9\"", null,
					database.isSqlite() ? (Object) 1L : "true", "null", "null", 1700000000L);
			assertThat(messages.get("c1-m1")).containsExactly("c1-m1", "assistant", "m0", "\"x\"", "llama3",
					database.isSqlite() ? (Object) 0L : "false", "{\"tokens\": 3}", "null", 1700000001L);
			// a timestamp before 2020 means "now", as upstream decides
			assertThat((Long) messages.get("c1-m4")[8]).isGreaterThanOrEqualTo(before);
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void accessControlBecomesGrantsAndBack(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			database.legacyTier().migrate(null);
			RevisionedTier tier = database.revisionedTier();
			tier.migrate("8452d01d26d7");
			String json = database.isSqlite() ? "?" : "CAST(? AS JSON)";
			String[][] notes = { { "public", null }, { "private", "{}" }, { "shared",
					"{\"read\": {\"group_ids\": [\"g1\"], \"user_ids\": [\"u2\", \"u2\"]}, \"write\": {\"user_ids\": [\"u3\"]}}" },
					{ "odd", "{\"read\": null}" }, { "text-null", "null" } };
			for (String[] note : notes) {
				try (Connection connection = database.connection(); PreparedStatement insert = connection
					.prepareStatement("INSERT INTO note (id, user_id, title, access_control) VALUES (?, 'u1', 't', " + json + ")")) {
					insert.setString(1, note[0]);
					insert.setString(2, note[1]);
					insert.executeUpdate();
				}
			}
			database.execute("INSERT INTO file (id, user_id, filename, meta, created_at) VALUES ('f1', 'u1', 'a', '{}', 1)");
			tier.migrate("f1e2d3c4b5a6");
			assertThat(rows(database, "SELECT resource_type || ':' || resource_id || ':' || principal_type || ':' "
					+ "|| principal_id || ':' || permission FROM access_grant").keySet())
				.containsExactlyInAnyOrder("note:public:user:*:read", "note:text-null:user:*:read", "note:shared:group:g1:read",
						"note:shared:user:u2:read", "note:shared:user:u3:write");
			tier.rollback("8452d01d26d7");
			Map<String, Object[]> restored = rows(database, "SELECT id, access_control FROM note");
			assertThat(restored.get("public")[1]).isNull();
			assertThat(text(restored.get("private"))).isEqualTo("{}");
			assertThat(text(restored.get("odd"))).isEqualTo("{}");
			assertThat(text(restored.get("shared"))).isEqualTo("{\"read\": {\"group_ids\": [\"g1\"], \"user_ids\": "
					+ "[\"u2\"]}, \"write\": {\"group_ids\": [], \"user_ids\": [\"u3\"]}}");
			assertThat(rows(database, "SELECT id, access_control FROM file").get("f1")[1]).isNull();
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void existingChatsCountAsRead(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			database.legacyTier().migrate(null);
			RevisionedTier tier = database.revisionedTier();
			tier.migrate("d4e5f6a7b8c9");
			database.execute("INSERT INTO chat (id, user_id, title, archived, created_at, updated_at) VALUES ('c1', 'u1', 't', "
					+ (database.isSqlite() ? "0" : "false") + ", 1700000000, 1700000500)");
			tier.migrate("b7c8d9e0f1a2");
			assertThat(rows(database, "SELECT id, last_read_at FROM chat").get("c1")[1]).isEqualTo(1700000500L);
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void sharedChatRowsMoveToSharedChatKeepingOrphans(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			database.legacyTier().migrate(null);
			RevisionedTier tier = database.revisionedTier();
			tier.migrate("e1f2a3b4c5d6");
			String json = database.isSqlite() ? "?" : "CAST(? AS JSON)";
			for (String[] row : new String[][] { { "c1", "u1", "{\"title\": \"mine\"}" },
					{ "token-1", "shared-c1", "{\"title\": \"snapshot\"}" }, { "token-2", "shared-gone", "{}" } }) {
				try (Connection connection = database.connection(); PreparedStatement insert = connection.prepareStatement(
						"INSERT INTO chat (id, user_id, title, chat, archived, created_at, updated_at, meta) VALUES "
								+ "(?, ?, 't', " + json + ", " + (database.isSqlite() ? "0" : "false") + ", 1700000000, 1700000001, "
								+ json + ")")) {
					insert.setString(1, row[0]);
					insert.setString(2, row[1]);
					insert.setString(3, row[2]);
					insert.setString(4, "{}");
					insert.executeUpdate();
				}
			}
			tier.migrate("c1d2e3f4a5b6");
			assertThat(rows(database, "SELECT id, chat_id, user_id, created_at FROM shared_chat").get("token-1"))
				.containsExactly("token-1", "c1", "u1", 1700000000L);
			assertThat(rows(database, "SELECT resource_id || ':' || principal_id FROM access_grant "
					+ "WHERE resource_type = 'shared_chat'").keySet()).containsExactly("c1:*");
			// upstream deletes the share of a chat that no longer exists; it stays
			assertThat(rows(database, "SELECT id FROM chat").keySet()).containsExactlyInAnyOrder("c1", "token-2");
			tier.rollback("e1f2a3b4c5d6");
			assertThat(rows(database, "SELECT id, user_id FROM chat").get("token-1")).containsExactly("token-1", "shared-c1");
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void pinnedNotesBecomePinsOfTheirOwner(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			database.legacyTier().migrate(null);
			RevisionedTier tier = database.revisionedTier();
			tier.migrate("56359461a091");
			String yes = database.isSqlite() ? "1" : "true";
			String no = database.isSqlite() ? "0" : "false";
			database.execute("INSERT INTO note (id, user_id, title, is_pinned) VALUES ('n1', 'u1', 't', " + yes + "), "
					+ "('n2', 'u1', 't', " + no + "), ('n3', 'u2', 't', NULL)");
			long before = System.currentTimeMillis() * 1_000_000L;
			tier.migrate("4de81c2a3af1");
			Map<String, Object[]> pins = rows(database, "SELECT note_id, user_id, created_at FROM pinned_note");
			assertThat(pins.keySet()).containsExactly("n1");
			assertThat(pins.get("n1")[1]).isEqualTo("u1");
			assertThat((Long) pins.get("n1")[2]).isGreaterThanOrEqualTo(before);
			database.execute("INSERT INTO pinned_note (id, user_id, note_id, created_at) VALUES ('p2', 'u9', 'n2', 1)");
			assertThatExceptionOfType(io.github.webuimigrations.MigrationException.class)
				.isThrownBy(() -> tier.rollback("56359461a091"))
				.withMessageContaining("pinned by users other than their owner");
			database.execute("DELETE FROM pinned_note WHERE id = 'p2'");
			tier.rollback("56359461a091");
			assertThat(rows(database, "SELECT id, is_pinned FROM note").get("n1")[1]).isIn(1L, "true", true);
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void configBlobBecomesOneRowPerSetting(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			database.legacyTier().migrate(null);
			RevisionedTier tier = database.revisionedTier();
			tier.migrate("461111b60977");
			String blob = "{\"version\": 0, \"ui\": {\"enable_signup\": false}, \"ENABLE_SIGNUP\": true, "
					+ "\"rag\": {\"ollama\": {\"url\": \"http://ollama:11434\"}, \"top_k\": 3}, "
					+ "\"openai\": {\"api_configs\": {\"0\": {\"enable\": true}}}, \"custom\": {\"a\": {\"b\": \"\u00fc\"}}}";
			try (Connection connection = database.connection(); PreparedStatement insert = connection.prepareStatement(
					"INSERT INTO config (data, version) VALUES (" + (database.isSqlite() ? "?" : "CAST(? AS JSON)") + ", 0)")) {
				insert.setString(1, "{\"stale\": true}");
				insert.executeUpdate();
				insert.setString(1, blob);
				insert.executeUpdate();
			}
			tier.migrate("3ff2c63645b8");
			Map<String, Object[]> config = rows(database, "SELECT key, CAST(value AS TEXT) FROM config");
			assertThat(config.keySet()).containsExactlyInAnyOrder("version", "ui.enable_signup", "rag.ollama.base_url",
					"rag.top_k", "openai.api_configs", "custom.a.b");
			// the nested value came first, so it wins over the legacy top-level ENABLE_SIGNUP
			assertThat(config.get("ui.enable_signup")[1]).isEqualTo("false");
			assertThat(config.get("rag.ollama.base_url")[1]).isEqualTo("\"http://ollama:11434\"");
			assertThat(config.get("openai.api_configs")[1]).isEqualTo("{\"0\": {\"enable\": true}}");
			assertThat(config.get("custom.a.b")[1]).isEqualTo("\"\\u00fc\"");
			if (database.isSqlite()) {
				// JSON affinity: numbers are stored as numbers, as upstream's are
				assertThat(rows(database, "SELECT key, typeof(value) FROM config").get("rag.top_k")[1]).isEqualTo("integer");
			}
			assertThat(rows(database, "SELECT CAST(id AS TEXT) AS k FROM config_old").keySet()).hasSize(2);
			database.execute("UPDATE config SET updated_at = updated_at + 10 WHERE key = 'rag.top_k'");
			assertThatExceptionOfType(io.github.webuimigrations.MigrationException.class)
				.isThrownBy(() -> tier.rollback("461111b60977"))
				.withMessageContaining("settings were changed after the reshape");
			database.execute("UPDATE config SET updated_at = updated_at - 10 WHERE key = 'rag.top_k'");
			tier.rollback("461111b60977");
			assertThat(rows(database, "SELECT CAST(id AS TEXT) AS k FROM config").keySet()).hasSize(2);
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void chatsSpanningManyPagesAreEachConvertedOnce(Dialect dialect) throws Exception {
		// three pages and a bit: prepared on a helper thread and, on PostgreSQL, staged through COPY
		int count = 1_234;
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			database.legacyTier().migrate(null);
			RevisionedTier tier = database.revisionedTier();
			tier.migrate("6a39f3d8e55c");
			for (int i = 0; i < count; i++) {
				chat(database, String.format("c%05d", i), "{\"title\":\"t\\tab\\\\" + i + "\",\"history\":{\"currentId\":\"m1\","
						+ "\"messages\":{\"m0\":{\"role\":\"user\",\"content\":\"q\\n" + i + "\",\"timestamp\":1700000000},"
						+ "\"m1\":{\"role\":\"assistant\",\"parentId\":\"m0\",\"content\":\"\u00e9\",\"timestamp\":1700000001}}}}");
			}
			tier.migrate("9a1b2c3d4e5f");
			Map<String, Object[]> chats = rows(database, "SELECT id, chat, current_message_id FROM chat");
			assertThat(chats).hasSize(count);
			assertThat(text(chats.get("c00777"))).isEqualTo("{\"title\": \"t\\tab\\\\777\", \"history\": {\"currentId\": \"m1\", "
					+ "\"messages\": {\"m0\": {\"role\": \"user\", \"content\": \"q\\n777\", \"timestamp\": 1700000000}, "
					+ "\"m1\": {\"role\": \"assistant\", \"parentId\": \"m0\", \"content\": \"\\u00e9\", \"timestamp\": 1700000001}}}}");
			assertThat(chats.values()).allSatisfy((row) -> assertThat(row[2]).isEqualTo("m1"));
			Map<String, Object[]> messages = rows(database, "SELECT id, content, parent_id, created_at FROM chat_message");
			assertThat(messages).hasSize(2 * count);
			assertThat(messages.get("c01233-m0")).containsExactly("c01233-m0", "\"q\\n1233\"", null, 1_700_000_000L);
			assertThat(messages.get("c00000-m1")).containsExactly("c00000-m1", "\"\\u00e9\"", "m0", 1_700_000_001L);
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void currentMessageIdIsChosenAsUpstreamChoosesIt(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			database.legacyTier().migrate(null);
			RevisionedTier tier = database.revisionedTier();
			tier.migrate("856c5b02fb54");
			String json = database.isSqlite() ? "?" : "CAST(? AS JSON)";
			String[][] chats = {
					{ "c1", "{\"history\": {\"currentId\": \"m2\", \"messages\": {\"m1\": {\"parentId\": null, \"timestamp\": 1}, "
							+ "\"m2\": {\"parentId\": \"m1\", \"timestamp\": 2}}}}" },
					{ "c2", "{\"history\": {\"messages\": {\"a\": {\"parentId\": null, \"timestamp\": 5}, "
							+ "\"b\": {\"parentId\": \"a\", \"timestamp\": 6}, \"c\": {\"parentId\": \"a\", \"timestamp\": 9}}}}" },
					{ "c3", "{\"messages\": [{\"id\": \"x\", \"timestamp\": 1}, {\"id\": \"y\", \"parentId\": \"x\", \"timestamp\": 2}]}" },
					{ "c4", "not json" },
					{ "c5", "{\"currentId\": \"c5-k1\", \"history\": {\"currentId\": \"gone\", \"messages\": {}}}" } };
			for (String[] chat : chats) {
				try (Connection connection = database.connection(); PreparedStatement insert = connection.prepareStatement(
						"INSERT INTO chat (id, user_id, title, chat, archived, created_at, updated_at, meta) VALUES (?, 'u1', 't', "
								+ json + ", " + (database.isSqlite() ? "0" : "false") + ", 1, 1, " + json + ")")) {
					insert.setString(1, chat[0]);
					insert.setString(2, chat[1].equals("not json") ? "\"not json\"" : chat[1]);
					insert.setString(3, "{}");
					insert.executeUpdate();
				}
			}
			// c1's messages are in chat_message too, which is asked first
			database.execute("INSERT INTO chat_message (id, chat_id, role, parent_id, created_at) VALUES "
					+ "('c1-m1', 'c1', 'user', NULL, 1), ('c1-m2', 'c1', 'assistant', 'm1', 2), "
					+ "('c5-k1', 'c5', 'user', NULL, 1), ('c5-k2', 'c5', 'assistant', 'k1', 2)");
			tier.migrate("9a1b2c3d4e5f");
			Map<String, Object[]> current = rows(database, "SELECT id, current_message_id FROM chat");
			assertThat(current.get("c1")[1]).isEqualTo("m2");
			assertThat(current.get("c2")[1]).isEqualTo("c");
			assertThat(current.get("c3")[1]).isEqualTo("y");
			assertThat(current.get("c4")[1]).isNull();
			// the first candidate that exists wins over the latest leaf; a chat-prefixed id loses its prefix
			assertThat(current.get("c5")[1]).isEqualTo("k1");
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void emailsDifferingOnlyInCaseAreListedBeforeAnythingChanges(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			database.legacyTier().migrate(null);
			RevisionedTier tier = database.revisionedTier();
			tier.migrate("959eaac8f909");
			for (String[] user : new String[][] { { "u1", "Ada@x.com" }, { "u2", "ada@X.com" }, { "u3", "bo@x.com" } }) {
				database.execute("INSERT INTO \"user\" (id, name, email, role, profile_image_url, created_at, updated_at, "
						+ "last_active_at) VALUES ('" + user[0] + "', 'n', '" + user[1] + "', 'user', '', 1, 1, 1)");
			}
			assertThatExceptionOfType(io.github.webuimigrations.MigrationException.class)
				.isThrownBy(() -> tier.migrate(null))
				.withMessageContaining("duplicate emails exist: ada@x.com (x2). Merge or remove the duplicate users");
			assertThat(tier.current()).isEqualTo("959eaac8f909");
			database.execute("UPDATE \"user\" SET email = 'ada2@x.com' WHERE id = 'u2'");
			tier.migrate(null);
			assertThat(tier.current()).isEqualTo(Revisions.HEAD);
			tier.rollback("959eaac8f909");
			tier.migrate(null);
			assertThat(tier.current()).isEqualTo(Revisions.HEAD);
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void doubleEncodedOauthLosesExactlyOneLevel(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			RevisionedTier tier = database.revisionedTier();
			tier.migrate("1ce6ade7d93b");
			Map<String, String> oauth = new LinkedHashMap<>();
			oauth.put("double", "\"{\\\"google\\\": {\\\"sub\\\": \\\"123\\\"}}\"");
			oauth.put("spaced", "  \" { \\\"oidc\\\" : {\\\"sub\\\": \\\"\u00fc\u4e2d\\\"} } \"  ");
			oauth.put("duplicate", "\"{\\\"a\\\": 1, \\\"b\\\": 1.5e300, \\\"a\\\": 2}\"");
			oauth.put("object", "{\"github\":{\"sub\":\"7\"}}");
			oauth.put("null", "null");
			oauth.put("number", "5");
			oauth.put("list", "[1, 2]");
			oauth.put("string-list", "\"[1, 2]\"");
			oauth.put("string-number", "\"5\"");
			oauth.put("string-text", "\"not json\"");
			oauth.put("triple", "\"\\\"{\\\\\\\"a\\\\\\\": 1}\\\"\"");
			oauth.put("nan", "\"{\\\"x\\\": NaN}\"");
			oauth.put("sql-null", null);
			if (database.isSqlite()) {
				oauth.put("not-json", "not json {");
			}
			oauth.forEach((id, value) -> user(database, id, value));
			List<PreflightFinding> findings = tier.preflight();
			tier.migrate("6d09d1bf1f23");
			Map<String, Object[]> users = rows(database, "SELECT id, oauth FROM \"user\"");
			assertThat(text(users.get("double"))).isEqualTo("{\"google\": {\"sub\": \"123\"}}");
			assertThat(text(users.get("spaced"))).isEqualTo("{\"oidc\": {\"sub\": \"\\u00fc\\u4e2d\"}}");
			assertThat(text(users.get("duplicate"))).isEqualTo("{\"a\": 2, \"b\": 1.5e+300}");
			for (String unchanged : List.of("object", "null", "number", "list", "string-list", "string-number",
					"string-text", "triple")) {
				assertThat(text(users.get(unchanged))).as(unchanged).isEqualTo(oauth.get(unchanged));
			}
			assertThat(users.get("sql-null")[1]).isNull();
			// PostgreSQL's json refuses NaN: upstream stops there, we leave the value as it was
			assertThat(text(users.get("nan"))).isEqualTo(database.isSqlite() ? "{\"x\": NaN}" : oauth.get("nan"));
			List<String> upstreamStops = database.isSqlite() ? List.of("not-json") : List.of("nan");
			assertThat(findings).filteredOn((finding) -> finding.migration().equals("6d09d1bf1f23"))
				.extracting(PreflightFinding::row)
				.containsExactlyElementsOf(upstreamStops);
			if (database.isSqlite()) {
				assertThat(text(users.get("not-json"))).isEqualTo("not json {");
			}
			// down is a no-op; up again finds nothing left to repair
			tier.rollback("1ce6ade7d93b");
			assertThat(rows(database, "SELECT id, oauth FROM \"user\"")).usingRecursiveComparison().isEqualTo(users);
			tier.migrate("6d09d1bf1f23");
			assertThat(rows(database, "SELECT id, oauth FROM \"user\"")).usingRecursiveComparison().isEqualTo(users);
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void pendingTimersGetTheirDueTimeAsPythonsIntReadsIt(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			database.legacyTier().migrate(null);
			RevisionedTier tier = database.revisionedTier();
			tier.migrate("6d09d1bf1f23");
			Map<String, Long> expected = new LinkedHashMap<>();
			String timer = "\"type\": \"timer\", \"status\": \"pending\", \"timer_at\": ";
			timerChat(database, "int", "{" + timer + "1700000000}", expected, 1700000000L);
			timerChat(database, "negative", "{" + timer + "-5}", expected, -5L);
			timerChat(database, "float", "{" + timer + "1700002000.9}", expected, 1700002000L);
			timerChat(database, "negative-float", "{" + timer + "-1.5}", expected, -1L);
			timerChat(database, "exponent", "{" + timer + "1.7e9}", expected, 1700000000L);
			timerChat(database, "true", "{" + timer + "true}", expected, 1L);
			timerChat(database, "false", "{" + timer + "false}", expected, 0L);
			timerChat(database, "spaces", "{" + timer + "\" 1700004000 \"}", expected, 1700004000L);
			timerChat(database, "underscores", "{" + timer + "\"1_700_005_000\"}", expected, 1700005000L);
			timerChat(database, "signed", "{" + timer + "\"+42\"}", expected, 42L);
			timerChat(database, "unicode", "{" + timer + "\"\\u00a0\\u0661\\u0662\\u0663\\u2003\"}", expected, 123L);
			timerChat(database, "max", "{" + timer + "9223372036854775807}", expected, Long.MAX_VALUE);
			timerChat(database, "last-key-wins", "{" + timer + "1, \"timer_at\": 2}", expected, 2L);
			timerChat(database, "decimal-text", "{" + timer + "\"1700.5\"}", expected, null);
			timerChat(database, "bad-underscores", "{" + timer + "\"1__0\"}", expected, null);
			timerChat(database, "trailing-underscore", "{" + timer + "\"10_\"}", expected, null);
			timerChat(database, "hex", "{" + timer + "\"0x10\"}", expected, null);
			timerChat(database, "empty-text", "{" + timer + "\"\"}", expected, null);
			timerChat(database, "null", "{" + timer + "null}", expected, null);
			timerChat(database, "missing", "{\"type\": \"timer\", \"status\": \"pending\"}", expected, null);
			timerChat(database, "object", "{" + timer + "{\"at\": 1}}", expected, null);
			timerChat(database, "list", "{" + timer + "[1]}", expected, null);
			timerChat(database, "done", "{\"type\": \"timer\", \"status\": \"done\", \"timer_at\": 5}", expected, null);
			timerChat(database, "numeric-type", "{\"type\": 1, \"status\": \"pending\", \"timer_at\": 5}", expected, null);
			timerChat(database, "other-case", "{\"type\": \"Timer\", \"status\": \"pending\", \"timer_at\": 5}", expected,
					null);
			timerChat(database, "not-a-timer", "{\"tags\": [\"x\"]}", expected, null);
			// upstream stops on these three: we leave the chat without a timer
			timerChat(database, "infinite", "{" + timer + "1e400}", expected, null);
			timerChat(database, "too-big", "{" + timer + "9223372036854775808}", expected, null);
			timerChat(database, "too-big-text", "{" + timer + "\"-9223372036854775809\"}", expected, null);
			List<String> upstreamStops = new ArrayList<>(List.of("infinite", "too-big", "too-big-text"));
			if (database.isSqlite()) {
				timerChat(database, "meta-not-json", "{\"type\": \"timer\", ", expected, null);
				upstreamStops.add(0, "meta-not-json");
			}
			List<PreflightFinding> findings = tier.preflight();
			assertThat(findings).filteredOn((finding) -> finding.migration().equals("d4c1a8e37b62"))
				.extracting(PreflightFinding::row)
				.containsExactlyElementsOf(upstreamStops);
			tier.migrate("d4c1a8e37b62");
			assertThat(timers(database)).isEqualTo(expected);
			try (Connection connection = database.connection()) {
				RevisionOperations op = new RevisionOperations(connection);
				assertThat(op.indexNames("chat")).contains("timer_at_idx", "user_id_updated_at_id_idx",
						"user_id_timer_at_idx", "user_id_folder_unread_idx");
				assertThat(op.indexNames("chat_message")).contains("chat_message_chat_role_done_idx");
			}
			tier.rollback("6d09d1bf1f23");
			try (Connection connection = database.connection()) {
				RevisionOperations op = new RevisionOperations(connection);
				assertThat(op.hasColumn("chat", "timer_at")).isFalse();
				assertThat(op.indexNames("chat")).doesNotContain("timer_at_idx", "user_id_updated_at_id_idx",
						"user_id_timer_at_idx", "user_id_folder_unread_idx");
				assertThat(op.indexNames("chat_message")).doesNotContain("chat_message_chat_role_done_idx");
			}
			tier.migrate(null);
			assertThat(timers(database)).isEqualTo(expected);
		}
	}

	private static void user(TestDatabase database, String id, String oauth) {
		try (Connection connection = database.connection(); PreparedStatement insert = connection.prepareStatement(
				"INSERT INTO \"user\" (id, name, email, role, profile_image_url, created_at, updated_at, last_active_at, oauth) "
						+ "VALUES (?, 'n', ?, 'user', '', 1, 1, 1, " + (database.isSqlite() ? "?" : "CAST(? AS JSON)") + ")")) {
			insert.setString(1, id);
			insert.setString(2, id + "@x.com");
			insert.setString(3, oauth);
			insert.executeUpdate();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void timerChat(TestDatabase database, String id, String meta, Map<String, Long> expected, Long due) {
		String json = database.isSqlite() ? "?" : "CAST(? AS JSON)";
		try (Connection connection = database.connection(); PreparedStatement insert = connection.prepareStatement(
				"INSERT INTO chat (id, user_id, title, chat, meta, archived, created_at, updated_at) VALUES (?, 'u1', 't', "
						+ json + ", " + json + ", ?, 1, 1)")) {
			insert.setString(1, id);
			insert.setString(2, "{}");
			insert.setString(3, meta);
			insert.setObject(4, database.isSqlite() ? (Object) 0 : (Object) false);
			insert.executeUpdate();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		expected.put(id, due);
	}

	private static Map<String, Long> timers(TestDatabase database) throws Exception {
		Map<String, Long> timers = new LinkedHashMap<>();
		for (Object[] row : rows(database, "SELECT id, timer_at FROM chat").values()) {
			timers.put((String) row[0], (Long) row[1]);
		}
		return timers;
	}

	private static String text(Object[] row) {
		return (row[1] != null) ? row[1].toString() : null;
	}

	private static void document(TestDatabase database, String collection, String title, String content, long time)
			throws Exception {
		try (Connection connection = database.connection(); PreparedStatement insert = connection.prepareStatement(
				"INSERT INTO document (collection_name, name, title, filename, content, user_id, timestamp) "
						+ "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
			insert.setString(1, collection);
			insert.setString(2, "name-" + collection);
			insert.setString(3, title);
			insert.setString(4, "f.pdf");
			insert.setString(5, content);
			insert.setString(6, "u1");
			insert.setLong(7, time);
			insert.executeUpdate();
		}
	}

	private static void chat(TestDatabase database, String id, String chat) {
		try (Connection connection = database.connection(); PreparedStatement insert = connection.prepareStatement(
				"INSERT INTO chat (id, user_id, title, chat, archived, created_at, updated_at) VALUES (?, 'u1', 't', ?, ?, 1, 1)")) {
			insert.setString(1, id);
			insert.setString(2, chat);
			insert.setObject(3, database.isSqlite() ? (Object) 0 : (Object) false);
			insert.executeUpdate();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, Object[]> rows(TestDatabase database, String sql) throws Exception {
		Map<String, Object[]> rows = new LinkedHashMap<>();
		try (Connection connection = database.connection(); PreparedStatement select = connection.prepareStatement(sql);
				ResultSet result = select.executeQuery()) {
			while (result.next()) {
				Object[] row = new Object[result.getMetaData().getColumnCount()];
				for (int i = 0; i < row.length; i++) {
					Object value = result.getObject(i + 1);
					row[i] = (value instanceof Integer integer) ? (Object) integer.longValue()
							: (value != null && !(value instanceof String) && !(value instanceof Long)) ? value.toString()
									: value;
				}
				rows.put((String) row[0], row);
			}
		}
		return rows;
	}

}
