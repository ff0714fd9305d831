package io.github.webuimigrations.revisioned;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.webuimigrations.database.WebuiDatabase;
import io.github.webuimigrations.legacy.LegacyTier;
import io.github.webuimigrations.revisioned.op.RevisionOperations;
import io.github.webuimigrations.testsupport.RowDump;
import io.github.webuimigrations.testsupport.TestDatabase;
import io.github.webuimigrations.testsupport.UpstreamFixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The upstream-made peewee-009 database through the legacy tier and the revisions up to
 * 3af16a1c9fb6: the rows of the tables these revisions fill are upstream's rows (from the
 * fixture's expected rows at head, for the columns no later revision changes), except where we
 * deliberately keep data upstream loses.
 */
class UpstreamFixtureRevisionTests {

	static final String EXPECTED = "/fixtures/upstream-peewee-009.expected-at-head.json";

	static final List<String> CHAT_COLUMNS = List.of("id", "user_id", "title", "chat", "meta", "pinned", "archived",
			"created_at", "updated_at", "share_id", "folder_id");

	static final List<String> KNOWLEDGE_COLUMNS = List.of("id", "user_id", "name", "description", "meta",
			"created_at", "updated_at");

	static final List<String> TAG_COLUMNS = List.of("id", "name", "user_id", "meta");

	@TempDir
	Path directory;

	@Test
	void sqliteFixture() throws Exception {
		Path file = UpstreamFixture.copy(this.directory, "upstream-peewee-009.sqlite");
		try (TestDatabase database = TestDatabase.sqlite(file)) {
			migrate(database.dataSource());
			assertMatchesUpstream(database);
		}
	}

	@Test
	void fixtureRowsCopiedToPostgresql() throws Exception {
		Path file = UpstreamFixture.copy(this.directory, "upstream-peewee-009.sqlite");
		try (TestDatabase source = TestDatabase.sqlite(file); TestDatabase database = TestDatabase.postgres()) {
			UpstreamFixture.copyPeewee009Rows(source, database);
			migrate(database.dataSource());
			assertMatchesUpstream(database);
		}
	}

	private static void migrate(DataSource dataSource) {
		new LegacyTier(WebuiDatabase.of(dataSource), LegacyTier.DEFAULT_HISTORY_TABLE).migrate(null);
		new RevisionedTier(WebuiDatabase.of(dataSource), RevisionedTier.Options.DEFAULTS).migrate("3af16a1c9fb6");
	}

	@Test
	void sqliteFixtureThroughThePromptRebuild() throws Exception {
		Path file = UpstreamFixture.copy(this.directory, "upstream-peewee-009.sqlite");
		try (TestDatabase database = TestDatabase.sqlite(file)) {
			database.legacyTier().migrate(null);
			RevisionedTier tier = database.revisionedTier();
			tier.migrate("374d2f66af06");
			try (Connection connection = database.connection()) {
				List<String> promptColumns = List.of("command", "content", "created_at", "data", "is_active", "meta", "name",
						"tags", "updated_at", "user_id");
				assertThat(RowDump.rows(connection, "prompt", promptColumns))
					.containsExactlyElementsOf(RowDump.expected(EXPECTED, "prompt", promptColumns));
				List<String> historyColumns = List.of("commit_message", "created_at", "parent_id", "snapshot", "user_id");
				assertThat(RowDump.rows(connection, "prompt_history", historyColumns))
					.containsExactlyElementsOf(RowDump.expected(EXPECTED, "prompt_history", historyColumns));
				// each prompt points at its history entry and back
				assertThat(new RevisionOperations(connection).strings("SELECT count(*) FROM prompt p JOIN prompt_history h "
						+ "ON h.id = p.version_id AND h.prompt_id = p.id")).containsExactly("2");
			}
			assertThatExceptionOfType(io.github.webuimigrations.MigrationException.class)
				.isThrownBy(() -> tier.rollback("c440947495f3"))
				.withMessageContaining("cannot be downgraded while prompts exist");
			assertThat(tier.current()).isEqualTo("374d2f66af06");
		}
	}

	@Test
	void sqliteFixtureThroughTheChatMessageBackfill() throws Exception {
		Path file = UpstreamFixture.copy(this.directory, "upstream-peewee-009.sqlite");
		try (TestDatabase database = TestDatabase.sqlite(file)) {
			database.legacyTier().migrate(null);
			database.revisionedTier().migrate("8452d01d26d7");
			try (Connection connection = database.connection()) {
				List<String> columns = List.of("id", "chat_id", "user_id", "role", "parent_id", "content", "output", "model_id",
						"files", "sources", "embeds", "done", "status_history", "error", "usage");
				assertThat(RowDump.rows(connection, "chat_message", columns))
					.containsExactlyElementsOf(RowDump.expected(EXPECTED, "chat_message", columns));
			}
		}
	}

	@Test
	void sqliteFixtureThroughTheAccessGrants() throws Exception {
		Path file = UpstreamFixture.copy(this.directory, "upstream-peewee-009.sqlite");
		try (TestDatabase database = TestDatabase.sqlite(file)) {
			database.legacyTier().migrate(null);
			database.revisionedTier().migrate("f1e2d3c4b5a6");
			try (Connection connection = database.connection()) {
				List<String> columns = List.of("resource_type", "principal_type", "principal_id", "permission");
				assertThat(RowDump.rows(connection, "access_grant", columns))
					.containsExactlyElementsOf(RowDump.expected(EXPECTED, "access_grant", columns));
				assertThat(new RevisionOperations(connection).strings("SELECT resource_id FROM access_grant "
						+ "WHERE resource_type <> 'prompt' ORDER BY resource_id"))
					.containsExactly("col-aaaa", "col-bbbb", "col-cccc", "ollama-bare", "ollama-mario:latest");
			}
		}
	}

	@Test
	void sqliteFixtureThroughTheUserReshape() throws Exception {
		Path file = UpstreamFixture.copy(this.directory, "upstream-peewee-009.sqlite");
		try (TestDatabase database = TestDatabase.sqlite(file)) {
			database.legacyTier().migrate(null);
			database.revisionedTier().migrate("b10670c03dd5");
			try (Connection connection = database.connection()) {
				List<String> userColumns = List.of("id", "name", "email", "role", "info", "settings", "oauth");
				assertThat(RowDump.rows(connection, "user", userColumns))
					.containsExactlyElementsOf(RowDump.expected(EXPECTED, "user", userColumns));
				List<String> keyColumns = List.of("id", "user_id", "key", "data", "expires_at", "last_used_at");
				assertThat(RowDump.rows(connection, "api_key", keyColumns))
					.containsExactlyElementsOf(RowDump.expected(EXPECTED, "api_key", keyColumns));
			}
		}
	}

	private static void assertMatchesUpstream(TestDatabase database) throws Exception {
		try (Connection connection = database.connection()) {
			assertThat(RowDump.rows(connection, "chat", CHAT_COLUMNS))
				.containsExactlyElementsOf(RowDump.expected(EXPECTED, "chat", CHAT_COLUMNS));
			assertThat(RowDump.rows(connection, "knowledge", KNOWLEDGE_COLUMNS))
				.containsExactlyElementsOf(RowDump.expected(EXPECTED, "knowledge", KNOWLEDGE_COLUMNS));
			// upstream's three tags, plus what upstream loses: tag.data moved into meta, and u-bjork's "Work Stuff",
			// deleted upstream because u-ada's tag had taken the id work_stuff first
			List<String> tags = new ArrayList<>();
			for (String tag : RowDump.expected(EXPECTED, "tag", TAG_COLUMNS)) {
				tags.add(tag.contains("u-lee") ? tag.replace("\"meta\": null", "\"meta\": {\"$json\": {\"color\": \"#ff0\"}}")
						: tag);
			}
			tags.add("{\"id\": \"work_stuff\", \"meta\": null, \"name\": \"Work Stuff\", \"user_id\": \"u-bjork\"}");
			tags.sort(null);
			assertThat(RowDump.rows(connection, "tag", TAG_COLUMNS)).containsExactlyElementsOf(tags);
		}
	}

}
