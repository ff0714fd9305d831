package io.github.webuimigrations.revisioned;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.webuimigrations.json.PythonJson;
import io.github.webuimigrations.testsupport.RowDump;
import io.github.webuimigrations.testsupport.TestDatabase;
import io.github.webuimigrations.testsupport.UpstreamFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upstream-made peewee-009 database through both tiers to head: every table holds the
 * rows upstream leaves ({@code fixtures/upstream-peewee-009.expected-at-head.json}), compared on
 * every column that does not hold a generated uuid or "now", except the documented tag fixes.
 */
class UpstreamFixtureAtHeadTests {

	static final String EXPECTED = "/fixtures/upstream-peewee-009.expected-at-head.json";

	@TempDir
	Path directory;

	@Test
	void sqliteFixtureAtHeadHasUpstreamsRows() throws Exception {
		Path file = UpstreamFixture.copy(this.directory, "upstream-peewee-009.sqlite");
		try (TestDatabase database = TestDatabase.sqlite(file)) {
			assertUpstreamRows(database);
		}
	}

	@Test
	void fixtureRowsCopiedToPostgresqlAtHeadHaveUpstreamsRows() throws Exception {
		Path file = UpstreamFixture.copy(this.directory, "upstream-peewee-009.sqlite");
		try (TestDatabase source = TestDatabase.sqlite(file); TestDatabase database = TestDatabase.postgres()) {
			UpstreamFixture.copyPeewee009Rows(source, database);
			assertUpstreamRows(database);
		}
	}

	@SuppressWarnings("unchecked")
	private static void assertUpstreamRows(TestDatabase database) throws Exception {
		database.legacyTier().migrate(null);
		RevisionedTier tier = database.revisionedTier();
		// upstream's rows were taken at open-webui 0.11.0's head
		tier.migrate("f0bd01a18a3d");
		assertRows(database, EXPECTED);
		// open-webui 0.11.1 to 0.11.4 change none of them (no timer chats, no double-encoded oauth here)
		tier.migrate(null);
		assertThat(tier.current()).isEqualTo(Revisions.HEAD);
		assertRows(database, EXPECTED);
	}

	@SuppressWarnings("unchecked")
	private static void assertRows(TestDatabase database, String expectedFile) throws Exception {
		Map<String, Object> file;
		try (InputStream stream = UpstreamFixtureAtHeadTests.class.getResourceAsStream(expectedFile)) {
			file = (Map<String, Object>) PythonJson.parse(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
		}
		Map<String, Object> tables = (Map<String, Object>) file.get("tables");
		try (Connection connection = database.connection()) {
			for (Map.Entry<String, Object> entry : tables.entrySet()) {
				String table = entry.getKey();
				Map<String, Object> content = (Map<String, Object>) entry.getValue();
				List<String> columns = new ArrayList<>((List<String>) content.get("columns"));
				// generated uuids and "now" differ on every run
				for (Object row : (List<Object>) content.get("rows")) {
					((Map<String, Object>) row).forEach((column, value) -> {
						String text = PythonJson.dumps(value);
						if (text.contains("$uuid") || text.contains("$now")) {
							columns.remove(column);
						}
					});
				}
				List<String> expected = RowDump.expected(expectedFile, table, columns);
				if (table.equals("tag")) {
					expected = tagsWithOurFixes(expected);
				}
				if (table.equals("user") && !database.isSqlite()) {
					// upstream's own dialect difference (spec addendum): a NULL info/settings stays NULL on PostgreSQL
					expected = expected.stream()
						.map((row) -> row.replace("\"info\": {\"$json\": null}", "\"info\": null")
							.replace("\"settings\": {\"$json\": null}", "\"settings\": null"))
						.toList();
				}
				assertThat(RowDump.rows(connection, table, columns)).as(table).containsExactlyElementsOf(expected);
			}
		}
	}

	/** Upstream's tags plus what upstream loses (docs/deviations.md 18). */
	private static List<String> tagsWithOurFixes(List<String> upstream) {
		List<String> tags = new ArrayList<>();
		for (String tag : upstream) {
			tags.add(tag.contains("u-lee") ? tag.replace("\"meta\": null", "\"meta\": {\"$json\": {\"color\": \"#ff0\"}}") : tag);
		}
		tags.add("{\"id\": \"work_stuff\", \"meta\": null, \"name\": \"Work Stuff\", \"user_id\": \"u-bjork\"}");
		tags.sort(null);
		return tags;
	}

}
