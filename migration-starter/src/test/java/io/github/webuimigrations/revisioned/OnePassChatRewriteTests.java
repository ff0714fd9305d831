package io.github.webuimigrations.revisioned;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.webuimigrations.MigrationException;
import io.github.webuimigrations.MigrationListener;
import io.github.webuimigrations.MigrationState;
import io.github.webuimigrations.Tier;
import io.github.webuimigrations.database.ConnectionTargets;
import io.github.webuimigrations.database.DatabaseProperties;
import io.github.webuimigrations.database.Dialect;
import io.github.webuimigrations.database.PooledDataSources;
import io.github.webuimigrations.database.Sql;
import io.github.webuimigrations.database.WebuiDatabase;
import io.github.webuimigrations.json.PythonJson;
import io.github.webuimigrations.testsupport.RowDump;
import io.github.webuimigrations.testsupport.SchemaSnapshot;
import io.github.webuimigrations.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The one-pass chat rewrite: a run that applies two or more of the revisions rewriting every
 * chat fuses them into one transaction that rewrites each chat once. It is an optimisation
 * only, so on the same awkward chats a fused run must leave exactly the rows, schema and
 * bookkeeping of the revisions run one by one; a failure inside the group must undo the whole
 * group; and a target inside the group must stop there.
 */
class OnePassChatRewriteTests {

	/** The revision before the group, which starts at 242a2047eae0. */
	private static final String BEFORE_GROUP = "6a39f3d8e55c";

	private static final int CHATS = 300;

	/** Every message is stamped after this (2022): a timestamp 8452d01d26d7 refuses would become the wall clock. */
	private static final long T0 = 1_650_000_000L;

	private static final String[] CONTENT = { "Hello, can you help me?", "Sure! Here is an answer.",
			"Gr\u00fc\u00dfe aus K\u00f6ln \u2013 na\u00efve caf\u00e9", "\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8",
			"emoji \uD83D\uDE80\uD83C\uDF89\uD83D\uDC69\u200D\uD83D\uDCBB", "\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440",
			"line one\nline two with \"quotes\" and a \\ backslash", "" };

	private static final String[] MODELS = { "llama3:8b", "gpt-4o", "qwen2.5:14b" };

	/** Names that normalise alike (case, spaces), and the one that becomes {@code chat.pinned}. */
	private static final String[] TAGS = { "Work Stuff", "work stuff", "WORK_STUFF", "Pinned", "Ideas",
			"Reise \uD83D\uDE80", "\u00dcn\u00efcode Tag" };

	/** Written from the clock or at random in any run: the legacy tier's dates, access grant ids. */
	private static final Set<String> UNREPEATABLE = Set.of("migratehistory.migrated_at", "access_grant.id");

	@TempDir
	Path directory;

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void fusedAndStepByStepRunsGiveTheSameRowsAndSchema(Dialect dialect) throws Exception {
		try (TestDatabase fused = withChats(dialect, "fused"); TestDatabase stepwise = withChats(dialect, "stepwise")) {
			RevisionedTier tier = tier(fused, true);
			List<String> fusedRun = migrate(tier, null);
			List<String> stepwiseRun = migrate(tier(stepwise, false), null);

			// the chats are walked once, by the group's last revision (a fallback to single steps would make this vacuous)
			assertThat(fusedRun).contains("rows 9a1b2c3d4e5f").doesNotContain("rows 242a2047eae0", "rows 8452d01d26d7");
			assertThat(fusedRun).containsSubsequence("started 9a1b2c3d4e5f", "rows 9a1b2c3d4e5f", "finished 9a1b2c3d4e5f");
			assertThat(stepwiseRun).contains("rows 242a2047eae0", "rows 8452d01d26d7", "rows 9a1b2c3d4e5f");
			assertSameDatabase(fused, stepwise);
			assertThat(strings(fused, "SELECT ID FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED"))
				.containsExactlyElementsOf(Revisions.CHAIN.stream().map(Revision::id).toList());
			assertThat(tier.info()).allMatch((info) -> info.state() == MigrationState.APPLIED && !info.changed());
			// the rewrites did happen, so the equality says something
			long chats = count(fused, "SELECT count(*) FROM chat");
			assertThat(count(fused, "SELECT count(*) FROM chat_message")).isGreaterThan(2 * CHATS);
			assertThat(count(fused, "SELECT count(*) FROM chat WHERE current_message_id IS NOT NULL"))
				.isGreaterThan(chats * 9 / 10);
			assertThat(count(fused, "SELECT count(*) FROM chat WHERE last_read_at = updated_at")).isEqualTo(chats);
			assertThat(count(fused, "SELECT count(*) FROM chat WHERE CAST(meta AS TEXT) LIKE '%\"tags\"%'")).isPositive();
			assertThat(count(fused, "SELECT count(*) FROM shared_chat")).isEqualTo(2);
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void aMigrationStoppingInsideTheGroupLeavesTheDatabaseAsBeforeTheGroup(Dialect dialect) throws Exception {
		try (TestDatabase fused = withChats(dialect, "fused"); TestDatabase stepwise = withChats(dialect, "stepwise")) {
			RevisionedTier tier = tier(fused, true);
			RevisionedTier reference = tier(stepwise, false);
			// the reference stops before the group; the fused runs apply 6a39f3d8e55c alone, then fail in the group:
			// in its middle, and at its last revision, recorded after the rewritten chats are written
			reference.migrate(BEFORE_GROUP);
			for (String failing : List.of("c1d2e3f4a5b6", "9a1b2c3d4e5f")) {
				failWhenRecording(fused, failing);
				assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> tier.migrate(null))
					.withMessageContaining("injected failure");
				removeFailure(fused);

				assertThat(tier.current()).isEqualTo(BEFORE_GROUP);
				assertThat(SchemaSnapshot.of(fused)).contains(fused.isSqlite() ? "  column chat TEXT not null"
						: "  column chat text not null").doesNotContain("table chat_message");
				assertSameDatabase(fused, stepwise);
			}

			assertThat(tier.migrate(null)).isEqualTo(Revisions.CHAIN.size() - Revisions.indexOf("242a2047eae0"));
			reference.migrate(null);
			assertThat(tier.current()).isEqualTo(Revisions.HEAD);
			assertSameDatabase(fused, stepwise);
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void aTargetInsideTheGroupStopsThere(Dialect dialect) throws Exception {
		try (TestDatabase fused = withChats(dialect, "fused"); TestDatabase stepwise = withChats(dialect, "stepwise")) {
			RevisionedTier tier = tier(fused, true);
			RevisionedTier reference = tier(stepwise, false);

			List<String> fusedRun = migrate(tier, "8452d01d26d7");
			reference.migrate("8452d01d26d7");

			assertThat(fusedRun).contains("rows 8452d01d26d7").doesNotContain("rows 242a2047eae0")
				.endsWith("finished 8452d01d26d7");
			assertThat(tier.current()).isEqualTo("8452d01d26d7");
			assertThat(reference.current()).isEqualTo("8452d01d26d7");
			assertThat(count(fused, "SELECT count(*) FROM chat_message")).isGreaterThan(2 * CHATS);
			assertSameDatabase(fused, stepwise);
			// the rewrites still pending fuse again in the next run: 9a1b2c3d4e5f reads the messages 8452d01d26d7
			// wrote from the table, in the same pass (one at a time, 461111b60977 walks no rows)
			assertThat(migrate(tier, null)).containsSubsequence("started b7c8d9e0f1a2", "started 461111b60977",
					"started 9a1b2c3d4e5f", "rows 9a1b2c3d4e5f", "finished 9a1b2c3d4e5f")
				.doesNotContain("rows 461111b60977");
			reference.migrate(null);
			assertThat(tier.current()).isEqualTo(Revisions.HEAD);
			assertSameDatabase(fused, stepwise);
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void chatIdsThatCouldShareAMessageIdKeepTheRevisionsApart(Dialect dialect) throws Exception {
		try (TestDatabase fused = withChats(dialect, "fused"); TestDatabase stepwise = withChats(dialect, "stepwise")) {
			for (TestDatabase database : List.of(fused, stepwise)) {
				// "pfx" + "a-m1" and "pfx-a" + "m1" both make the message id pfx-a-m1: the first chat keeps it
				String[][] chats = { { "pfx", "a-m1", "a-m2" }, { "pfx-a", "m1", "m2" } };
				for (String[] chat : chats) {
					database.execute("INSERT INTO chat (id, user_id, title, chat, archived, created_at, updated_at) VALUES ('"
							+ chat[0] + "', 'user-1', 't', '{\"history\": {\"currentId\": null, \"messages\": {\"" + chat[1]
							+ "\": {\"role\": \"user\", \"content\": \"q\", \"timestamp\": 1650000001}, \"" + chat[2]
							+ "\": {\"parentId\": \"" + chat[1] + "\", \"role\": \"assistant\", \"content\": \"a\", "
							+ "\"timestamp\": 1650000002}}}}', " + (fused.isSqlite() ? "0" : "false") + ", " + T0 + ", " + T0 + ")");
				}
			}
			List<String> fusedRun = migrate(tier(fused, true), null);
			migrate(tier(stepwise, false), null);

			// 8452d01d26d7 runs alone, so every revision does: the rows are walked by each
			assertThat(fusedRun).contains("rows 242a2047eae0", "rows 8452d01d26d7", "rows 9a1b2c3d4e5f");
			assertSameDatabase(fused, stepwise);
			assertThat(strings(fused, "SELECT chat_id FROM chat_message WHERE id = 'pfx-a-m1'")).containsExactly("pfx");
		}
	}

	@Test
	void onPostgresqlTheRewrittenChatJsonIsCompressedWithLz4WhereTheServerHasIt() throws Exception {
		try (TestDatabase database = withChats(Dialect.POSTGRESQL, "lz4")) {
			boolean lz4 = count(database, "SELECT count(*) FROM pg_settings WHERE name = 'default_toast_compression' "
					+ "AND 'lz4' = ANY (enumvals)") > 0;
			// big enough to be compressed into TOAST, and already in Python's form: copied by the server
			database.execute("INSERT INTO chat (id, user_id, title, chat, archived, created_at, updated_at) SELECT 'big', "
					+ "user_id, title, '{\"title\": \"" + "a long title ".repeat(400) + "\"}', archived, created_at, updated_at "
					+ "FROM chat WHERE id = (SELECT min(id) FROM chat)");
			tier(database, true).migrate(null);
			assertThat(strings(database, "SELECT pg_column_compression(chat) FROM chat WHERE id = 'big'"))
				.containsExactly(lz4 ? "lz4" : "pglz");
			// for the migration's transaction only
			assertThat(strings(database, "SHOW default_toast_compression")).containsExactly("pglz");
			assertThat(strings(database, "SELECT chat::text FROM chat WHERE id = 'big'").get(0))
				.startsWith("{\"title\": \"a long title");
		}
	}

	@Test
	void onSqliteAnExclusiveRewriteWritesThroughARollbackJournalThenReturnsToWal() throws Exception {
		try (TestDatabase fused = withChats(Dialect.SQLITE, "fused");
				TestDatabase stepwise = withChats(Dialect.SQLITE, "stepwise");
				HikariDataSource pool = pool(fused)) {
			// the pool as the starter builds it: five idle connections beside the one the migration borrows
			try (Connection warm = pool.getConnection()) {
				awaitConnections(pool, 5);
			}
			Path journal = this.directory.resolve("fused").resolve("webui.db-journal");
			List<String> seen = new ArrayList<>();
			String[] borrowed = new String[1];
			Thread other = new Thread(() -> borrowed[0] = journalMode(pool));
			RevisionedTier tier = new RevisionedTier(WebuiDatabase.of(pool), exclusive());
			tier.migrate((String) null, new MigrationListener() {

				@Override
				public void rowsDone(Tier of, String id, long done, long total) {
					// the pass reports under the group's last revision
					if (id.equals("9a1b2c3d4e5f") && seen.isEmpty()) {
						seen.add("journal " + Files.exists(journal));
						seen.add("connections " + pool.getHikariPoolMXBean().getTotalConnections());
						// another thread of the application waits for a connection until the rewrite has ended
						other.start();
						sleep(300);
						seen.add("other waiting " + other.isAlive());
					}
				}

			});
			other.join(10_000);
			assertThat(seen).containsExactly("journal true", "connections 1", "other waiting true");
			assertThat(borrowed[0]).isEqualTo("wal");
			assertThat(journal).doesNotExist();
			assertThat(journalMode(pool)).isEqualTo("wal");
			tier(stepwise, false).migrate(null);
			assertSameDatabase(fused, stepwise);
		}
	}

	@Test
	void onSqliteAnExclusiveRewriteGoesThroughTheWalWhenAnotherConnectionHasTheFileOpen() throws Exception {
		try (TestDatabase fused = withChats(Dialect.SQLITE, "fused");
				TestDatabase stepwise = withChats(Dialect.SQLITE, "stepwise");
				Connection elsewhere = fused.connection()) {
			assertThat(journalMode(elsewhere)).isEqualTo("wal");
			Path journal = this.directory.resolve("fused").resolve("webui.db-journal");
			List<Boolean> journalSeen = new ArrayList<>();
			RevisionedTier tier = new RevisionedTier(fused.webui(), exclusive());
			tier.migrate((String) null, new MigrationListener() {

				@Override
				public void rowsDone(Tier of, String id, long done, long total) {
					if (id.equals("9a1b2c3d4e5f")) {
						journalSeen.add(Files.exists(journal));
					}
				}

			});
			assertThat(journalSeen).isNotEmpty().containsOnly(false);
			assertThat(journalMode(elsewhere)).isEqualTo("wal");
			tier(stepwise, false).migrate(null);
			assertSameDatabase(fused, stepwise);
		}
	}

	private static HikariDataSource pool(TestDatabase database) {
		DatabaseProperties properties = new DatabaseProperties();
		properties.setUrl(database.url());
		return (HikariDataSource) PooledDataSources.create(properties, ConnectionTargets.resolve(properties));
	}

	private static void awaitConnections(HikariDataSource pool, int count) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (pool.getHikariPoolMXBean().getTotalConnections() < count && System.nanoTime() < deadline) {
			sleep(20);
		}
		assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isEqualTo(count);
	}

	private static String journalMode(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			return journalMode(connection);
		}
		catch (SQLException ex) {
			return ex.getMessage();
		}
	}

	private static String journalMode(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("PRAGMA journal_mode")) {
			result.next();
			return result.getString(1);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static RevisionedTier tier(TestDatabase database, boolean fuse) {
		return database.revisionedTier(fuse);
	}

	/** One pass that takes a SQLite database for itself. */
	private static RevisionedTier.Options exclusive() {
		return new RevisionedTier.Options(true, true, RevisionedTier.Options.DEFAULTS.pageSize(), Set.of());
	}

	/** Migrate, listing the revisions started and finished, and which walked rows, in the order reported. */
	private static List<String> migrate(RevisionedTier tier, String target) {
		List<String> events = new ArrayList<>();
		tier.migrate(target, new MigrationListener() {

			@Override
			public void migrationStarted(Tier of, String id, String description) {
				events.add("started " + id);
			}

			@Override
			public void migrationFinished(Tier of, String id, Duration duration) {
				events.add("finished " + id);
			}

			@Override
			public void rowsDone(Tier of, String id, long done, long total) {
				if (!events.contains("rows " + id)) {
					events.add("rows " + id);
				}
			}

		});
		return events;
	}

	/** A database at c0fbf31ca0db (legacy tables, chat.chat still TEXT) holding the same data every time. */
	private TestDatabase withChats(Dialect dialect, String name) throws Exception {
		TestDatabase database = TestDatabase.create(dialect, Files.createDirectories(this.directory.resolve(name)));
		try {
			database.legacyTier().migrate(null);
			tier(database, false).migrate("c0fbf31ca0db");
			fill(database);
			return database;
		}
		catch (Exception ex) {
			database.close();
			throw ex;
		}
	}

	/**
	 * Users, old-style tags, chats as open-webui writes them (one in seven without spaces and
	 * with raw non-ASCII), shared snapshots (one whose chat is gone) and chats no revision can
	 * read. Random with a fixed seed: the same rows in every database.
	 */
	private static void fill(TestDatabase database) throws SQLException {
		Random random = new Random(20260611L);
		try (Connection connection = database.connection();
				PreparedStatement user = connection.prepareStatement("INSERT INTO \"user\" (id, name, email, role, "
						+ "profile_image_url, created_at, updated_at, last_active_at) VALUES (?, ?, ?, ?, '', ?, ?, ?)");
				PreparedStatement tag = connection.prepareStatement("INSERT INTO tag (id, name, user_id, data) VALUES (?, ?, ?, ?)");
				PreparedStatement chat = connection.prepareStatement("INSERT INTO chat (id, user_id, title, chat, share_id, "
						+ "archived, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
				PreparedStatement chatTag = connection.prepareStatement("INSERT INTO chatidtag (id, tag_name, chat_id, user_id, "
						+ "timestamp) VALUES (?, ?, ?, ?, ?)")) {
			connection.setAutoCommit(false);
			int tags = 0;
			for (int i = 0; i < 5; i++) {
				execute(user, "user-" + i, (i == 0) ? "Zo\u00eb \u00c5dmin" : "User " + i, "user" + i + "@example.com",
						(i == 0) ? "admin" : "user", T0, T0, T0);
				for (String name : TAGS) {
					if (random.nextBoolean()) {
						String[] data = { null, "{\"color\": \"#ff0000\"}", "plain text" };
						execute(tag, "tag-" + tags++, name, "user-" + i, data[random.nextInt(data.length)]);
					}
				}
			}
			int chatTags = 0;
			for (int i = 0; i < CHATS; i++) {
				String id = uuid(random);
				String owner = "user-" + random.nextInt(5);
				long created = T0 + random.nextInt(50_000_000);
				Map<String, Object> document = conversation(random, id, created);
				if (random.nextInt(30) == 0) {
					// before history existed: only the list of the messages shown
					document.remove("history");
				}
				String text = (i % 7 == 0) ? compact(document) : PythonJson.dumps(document);
				String title = "Chat " + i + " " + CONTENT[i % CONTENT.length];
				long updated = created + random.nextInt(100_000);
				String share = (i % 150 == 10) ? uuid(random) : null;
				execute(chat, id, owner, title, text, share, random.nextInt(10) == 0, created, updated);
				if (share != null) {
					execute(chat, share, "shared-" + id, title, text, null, false, created, updated);
				}
				for (int n = (random.nextInt(10) < 3) ? 1 + random.nextInt(3) : 0; n > 0; n--) {
					execute(chatTag, "cit-" + chatTags++, TAGS[random.nextInt(TAGS.length)], id, owner, created);
				}
			}
			execute(chatTag, "cit-gone", "Ideas", "gone-chat", "user-1", T0);
			String sample = PythonJson.dumps(conversation(random, "awkward-truncated", T0));
			String[][] awkward = { { "shared-orphan", "{\"title\": \"a share of a deleted chat\"}" },
					{ "awkward-blank", "" }, { "awkward-truncated", sample.substring(0, sample.length() / 2) },
					{ "awkward-no-history", "{\"title\": \"t\", \"models\": [\"gpt-4o\"], \"params\": {}}" },
					{ "awkward-list", "[1, 2, 3]" }, { "awkward-empty-history", "{\"history\": {\"messages\": {}, \"currentId\": null}}" },
					{ "awkward-nan", "{\"history\": {\"currentId\": \"n1\", \"messages\": {\"n1\": {\"role\": \"assistant\", "
							+ "\"content\": \"x\", \"timestamp\": 1650000000, \"usage\": {\"score\": NaN}}}}}" },
					{ "awkward-odd-messages", "{\"history\": {\"currentId\": \"r\", \"messages\": {\"s\": \"not a message\", "
							+ "\"r\": {\"role\": \"\", \"content\": \"no role\", \"timestamp\": 1650000001}, "
							+ "\"k\": {\"role\": \"user\", \"content\": \"kept\", \"timestamp\": 1650000002}}}}" } };
			for (String[] row : awkward) {
				String owner = row[0].equals("shared-orphan") ? "shared-" + uuid(random) : "user-1";
				execute(chat, row[0], owner, "t", row[1], null, false, T0, T0 + 1);
			}
			connection.commit();
		}
	}

	/** A chat as open-webui writes it: a message tree with regenerated answers, and the branch last shown. */
	private static Map<String, Object> conversation(Random random, String chatId, long start) {
		Map<String, Object> messages = new LinkedHashMap<>();
		List<Object> shown = new ArrayList<>();
		long time = start;
		String parent = null;
		for (int turn = 1 + random.nextInt(5); turn > 0; turn--) {
			String question = message(random, messages, parent, "user", time);
			time += 1 + random.nextInt(60);
			List<String> answers = new ArrayList<>();
			for (int n = (random.nextInt(3) == 0) ? 2 + random.nextInt(2) : 1; n > 0; n--) {
				answers.add(message(random, messages, question, "assistant", time));
				// regenerated answers often share their second: two leaves tie for the latest
				time += random.nextBoolean() ? 0 : 1 + random.nextInt(30);
			}
			parent = answers.get(random.nextInt(answers.size()));
			shown.add(messages.get(question));
			shown.add(messages.get(parent));
			time += 1 + random.nextInt(600);
		}
		List<String> ids = new ArrayList<>(messages.keySet());
		Map<String, Object> history = new LinkedHashMap<>();
		history.put("messages", messages);
		// mostly the branch last shown; else an older message, one that does not exist, the chat_message id, null, none
		int pick = random.nextInt(20);
		if (pick < 18) {
			history.put("currentId", (pick < 10) ? parent : (pick < 12) ? ids.get(random.nextInt(ids.size()))
					: (pick < 16) ? "gone-" + random.nextInt(1000) : (pick == 16) ? chatId + "-" + parent : null);
		}
		Map<String, Object> chat = new LinkedHashMap<>();
		chat.put("id", "");
		chat.put("title", CONTENT[random.nextInt(CONTENT.length)]);
		chat.put("models", List.of(MODELS[random.nextInt(MODELS.length)]));
		chat.put("params", new LinkedHashMap<>());
		chat.put("history", history);
		chat.put("messages", shown);
		chat.put("tags", List.of());
		chat.put("timestamp", start * 1000);
		if (random.nextInt(20) == 0) {
			chat.put("branchPointMessageId", ids.get(random.nextInt(ids.size())));
		}
		return chat;
	}

	@SuppressWarnings("unchecked")
	private static String message(Random random, Map<String, Object> messages, String parentId, String role, long time) {
		String id = uuid(random);
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("id", id);
		message.put("parentId", parentId);
		message.put("childrenIds", new ArrayList<String>());
		message.put("role", role);
		message.put("content", CONTENT[random.nextInt(CONTENT.length)]);
		int kind = random.nextInt(100);
		// seconds mostly; milliseconds (3%), numeric text and fractions as some versions wrote them
		message.put("timestamp", (kind < 3) ? (Object) (time * 1000 + random.nextInt(1000))
				: (kind < 5) ? (Object) Long.toString(time) : (kind < 7) ? (Object) (time + 0.5) : (Object) time);
		if (role.equals("assistant")) {
			message.put("model", MODELS[random.nextInt(MODELS.length)]);
			message.put("done", random.nextInt(20) != 0);
			Map<String, Object> usage = new LinkedHashMap<>();
			usage.put("prompt_tokens", random.nextInt(2000));
			usage.put("completion_tokens", random.nextInt(2000));
			message.put("usage", usage);
		}
		if (parentId != null) {
			((List<String>) ((Map<String, Object>) messages.get(parentId)).get("childrenIds")).add(id);
		}
		messages.put(id, message);
		return id;
	}

	/** JSON without spaces and with raw non-ASCII, as other writers than Python's leave it. */
	private static String compact(Object value) {
		if (value instanceof Map<?, ?> map) {
			StringJoiner out = new StringJoiner(",", "{", "}");
			map.forEach((key, item) -> out.add(compact(key) + ":" + compact(item)));
			return out.toString();
		}
		if (value instanceof List<?> list) {
			return list.stream().map(OnePassChatRewriteTests::compact).collect(Collectors.joining(",", "[", "]"));
		}
		if (value instanceof String text) {
			return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
		}
		return PythonJson.dumps(value);
	}

	private static String uuid(Random random) {
		return new UUID(random.nextLong(), random.nextLong()).toString();
	}

	private static void execute(PreparedStatement statement, Object... values) throws SQLException {
		for (int i = 0; i < values.length; i++) {
			statement.setObject(i + 1, values[i]);
		}
		statement.executeUpdate();
	}

	/** Same alembic_version, Liquibase history (in order), schema, and rows in every table. */
	private static void assertSameDatabase(TestDatabase fused, TestDatabase stepwise) throws SQLException {
		String version = "SELECT version_num FROM alembic_version";
		assertThat(strings(fused, version)).isEqualTo(strings(stepwise, version));
		String history = "SELECT ID || ' ' || EXECTYPE || ' ' || coalesce(MD5SUM, '-') FROM DATABASECHANGELOG "
				+ "ORDER BY ORDEREXECUTED";
		assertThat(strings(fused, history)).containsExactlyElementsOf(strings(stepwise, history));
		assertThat(SchemaSnapshot.of(fused)).containsExactlyElementsOf(SchemaSnapshot.of(stepwise));
		Map<String, List<String>> fusedRows = RowDump.asStored(fused, UNREPEATABLE);
		Map<String, List<String>> stepwiseRows = RowDump.asStored(stepwise, UNREPEATABLE);
		assertThat(fusedRows.keySet()).containsExactlyElementsOf(stepwiseRows.keySet());
		stepwiseRows.forEach((table, expected) -> {
			List<String> actual = fusedRows.get(table);
			Set<String> actualSet = new HashSet<>(actual);
			Set<String> expectedSet = new HashSet<>(expected);
			// the differing rows first: the whole table would bury them
			assertThat(actual.stream().filter(Predicate.not(expectedSet::contains)).toList())
				.as("rows of %s only after the fused run", table)
				.isEmpty();
			assertThat(expected.stream().filter(Predicate.not(actualSet::contains)).toList())
				.as("rows of %s only after the step-by-step run", table)
				.isEmpty();
			assertThat(actual).as("rows of %s", table).isEqualTo(expected);
		});
	}

	/** Make recording a revision in alembic_version fail; AlembicVersion deletes the row, then inserts. */
	private static void failWhenRecording(TestDatabase database, String revision) throws SQLException {
		if (database.isSqlite()) {
			for (String event : List.of("INSERT", "UPDATE")) {
				database.execute("CREATE TRIGGER injected_failure_" + event.toLowerCase(Locale.ROOT) + " BEFORE " + event
						+ " ON alembic_version WHEN NEW.version_num = '" + revision + "' BEGIN "
						+ "SELECT RAISE(ABORT, 'injected failure'); END");
			}
		}
		else {
			database.execute("CREATE FUNCTION injected_failure() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
					+ "IF NEW.version_num = '" + revision + "' THEN RAISE EXCEPTION 'injected failure'; END IF; "
					+ "RETURN NEW; END $$", "CREATE TRIGGER injected_failure BEFORE INSERT OR UPDATE ON alembic_version "
							+ "FOR EACH ROW EXECUTE FUNCTION injected_failure()");
		}
	}

	private static void removeFailure(TestDatabase database) throws SQLException {
		if (database.isSqlite()) {
			database.execute("DROP TRIGGER injected_failure_insert", "DROP TRIGGER injected_failure_update");
		}
		else {
			database.execute("DROP TRIGGER injected_failure ON alembic_version", "DROP FUNCTION injected_failure()");
		}
	}

	private static List<String> strings(TestDatabase database, String sql) throws SQLException {
		try (Connection connection = database.connection()) {
			return Sql.strings(connection, sql);
		}
	}

	private static long count(TestDatabase database, String sql) throws SQLException {
		return Long.parseLong(strings(database, sql).get(0));
	}

}
