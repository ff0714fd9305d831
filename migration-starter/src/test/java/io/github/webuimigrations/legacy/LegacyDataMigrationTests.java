package io.github.webuimigrations.legacy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.webuimigrations.database.Dialect;
import io.github.webuimigrations.database.Sql;
import io.github.webuimigrations.json.PythonJson;
import io.github.webuimigrations.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data migrations of the legacy tier (004, 005, 006, 007, 010, 016, 018) on awkward rows,
 * on both dialects.
 */
class LegacyDataMigrationTests {

	static final String ALL_PARAMETERS = "FROM llama3:8b\nTEMPLATE \"\"\"{{ .Prompt }}\"\"\"\nPARAMETER stop \"<|eot|>\"\n"
			+ "PARAMETER mirostat 2\nPARAMETER mirostat_eta 1e-5\nPARAMETER mirostat_tau 5.0\nPARAMETER num_ctx 1_024\n"
			+ "PARAMETER repeat_last_n -1\nPARAMETER repeat_penalty 1.1\nPARAMETER temperature 0.7\n"
			+ "PARAMETER seed  -7 \nPARAMETER tfs_z 1\nPARAMETER num_predict 128\nPARAMETER top_k 40\n"
			+ "PARAMETER top_p .5\nPARAMETER num_keep 4\nPARAMETER presence_penalty 0\n"
			+ "PARAMETER frequency_penalty inf\nPARAMETER num_batch 512\nPARAMETER num_gpu 1\n"
			+ "PARAMETER use_mmap TRUE\nPARAMETER use_mlock yes\nPARAMETER num_thread 8\nADAPTER ./lora.bin\n"
			+ "SYSTEM \"\"\"\nBe brief.\n\"\"\"\nMESSAGE user Hi \u00fc\nMESSAGE assistant Hello\n";

	/** What upstream's parser and json.dumps write for {@link #ALL_PARAMETERS}, byte for byte. */
	static final String ALL_PARAMETERS_JSON = "{\"template\": \"{{ .Prompt }}\", \"stop\": [\"<|eot|>\"], "
			+ "\"mirostat\": 2, \"mirostat_eta\": 1e-05, \"mirostat_tau\": 5.0, \"num_ctx\": 1024, "
			+ "\"repeat_last_n\": -1, \"repeat_penalty\": 1.1, \"temperature\": 0.7, \"seed\": -7, \"tfs_z\": 1.0, "
			+ "\"num_predict\": 128, \"top_k\": 40, \"top_p\": 0.5, \"num_keep\": 4, \"presence_penalty\": 0.0, "
			+ "\"frequency_penalty\": Infinity, \"num_batch\": 512, \"num_gpu\": 1, \"use_mmap\": true, "
			+ "\"use_mlock\": false, \"num_thread\": 8, \"adapter\": \"./lora.bin\", \"system\": \"Be brief.\", "
			+ "\"messages\": [{\"role\": \"user\", \"content\": \"Hi \\u00fc\"}, {\"role\": \"assistant\", "
			+ "\"content\": \"Hello\"}]}";

	@TempDir
	Path directory;

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void awkwardRowsSurviveEveryDataMigration(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			LegacyTier tier = database.legacyTier();
			tier.migrate(3);
			String longUrl = "data:image/png;base64," + "A".repeat(5000);
			insert(database, "INSERT INTO \"user\" (id, name, email, role, profile_image_url, timestamp) VALUES (?, ?, ?, ?, ?, ?)",
					"u1", "Zo\u00eb \uD83D\uDE80", "zoe@example.com", "admin", "", 1700000000L);
			insert(database, "INSERT INTO \"user\" (id, name, email, role, profile_image_url, timestamp) VALUES (?, ?, ?, ?, ?, ?)",
					"u2", "", "", "pending", longUrl, 0L);
			insert(database, "INSERT INTO chat (id, user_id, title, chat, timestamp) VALUES (?, ?, ?, ?, ?)", "c1", "u1",
					"", "{\"title\": \"\\u00fc\"}", 1700000100L);
			insert(database, "INSERT INTO chat (id, user_id, title, chat, timestamp) VALUES (?, ?, ?, ?, ?)", "c2", "u1",
					"\u00dcn\u00efc\u00f8d\u00e9 \u4e2d\u6587 " + "x".repeat(300), "not json at all", 0L);
			insert(database, "INSERT INTO auth (id, email, password, active) VALUES (?, ?, ?, ?)", "u1", "zoe@example.com",
					"$2b$12$" + "h".repeat(53), database.isSqlite() ? (Object) 1 : (Object) true);
			if (database.isSqlite()) {
				// very old SQLite databases kept dates in the timestamp columns that 006 turns into BIGINT
				insert(database, "INSERT INTO chatidtag (id, tag_name, chat_id, user_id, timestamp) VALUES (?, ?, ?, ?, ?)",
						"t1", "work", "c1", "u1", "2024-01-02");
			}
			tier.migrate(9);
			modelfile(database, "all", "{\"title\": \"All\", \"desc\": \"\u00dcn\u00ef\", \"imageUrl\": \"/i.png\", "
					+ "\"content\": " + PythonJson.dumps(ALL_PARAMETERS) + ", \"suggestionPrompts\": [{\"content\": \"a\"}], "
					+ "\"categories\": [\"x\"], \"user\": {\"community\": false, \"name\": \"Ada\"}}", 1700000200L);
			modelfile(database, "broken", "{not json", 1700000201L);
			modelfile(database, "bare", "{\"user\": null}", 1700000202L);
			tier.migrate(15);
			insert(database, "INSERT INTO function (id, user_id, name, type, content, meta, created_at, updated_at) "
					+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "f1", "u1", "F", "filter", "code", "{}", 1L, 2L);
			assertThat(tier.migrate(null)).isEqualTo(3);

			try (Connection connection = database.connection()) {
				assertThat(row(connection, "SELECT archived, created_at, updated_at FROM chat WHERE id = 'c1'"))
					.containsExactly(0L, 1700000100L, 1700000100L);
				assertThat(row(connection, "SELECT archived, created_at, updated_at, title FROM chat WHERE id = 'c2'"))
					.containsExactly(0L, 0L, 0L, "\u00dcn\u00efc\u00f8d\u00e9 \u4e2d\u6587 " + "x".repeat(300));
				assertThat(row(connection, "SELECT name, created_at, updated_at, last_active_at FROM \"user\" WHERE id = 'u1'"))
					.containsExactly("Zo\u00eb \uD83D\uDE80", 1700000000L, 1700000000L, 1700000000L);
				assertThat(row(connection, "SELECT profile_image_url, created_at FROM \"user\" WHERE id = 'u2'"))
					.containsExactly(longUrl, 0L);
				if (database.isSqlite()) {
					assertThat(row(connection, "SELECT timestamp FROM chatidtag WHERE id = 't1'")).containsExactly("2024-01-02");
				}
				assertThat(row(connection, "SELECT is_active, is_global, valves FROM function WHERE id = 'f1'"))
					.containsExactly(0L, 0L, null);

				assertThat(row(connection, "SELECT base_model_id, name, params, created_at, updated_at FROM model "
						+ "WHERE id = 'ollama-all'")).containsExactly("llama3", "All", ALL_PARAMETERS_JSON, 1700000200L,
								1700000200L);
				String meta = (String) row(connection, "SELECT meta FROM model WHERE id = 'ollama-all'")[0];
				assertThat(meta).startsWith("{\"description\": \"\\u00dcn\\u00ef\", \"profile_image_url\": \"/i.png\", "
						+ "\"ollama\": {\"modelfile\": ");
				assertThat(meta).endsWith("\"suggestion_prompts\": [{\"content\": \"a\"}], \"categories\": [\"x\"], "
						+ "\"user\": {\"community\": true, \"name\": \"Ada\"}}");
				assertThat(((Map<?, ?>) ((Map<?, ?>) PythonJson.parse(meta)).get("ollama")).get("modelfile"))
					.isEqualTo(ALL_PARAMETERS);

				// upstream stops on these two rows; we convert them and keep what they held
				assertThat(row(connection, "SELECT base_model_id, name, params, meta FROM model WHERE id = 'ollama-broken'"))
					.containsExactly(null, "broken", "{}",
							"{\"description\": null, \"profile_image_url\": null, \"ollama\": {\"modelfile\": null}, "
									+ "\"suggestion_prompts\": null, \"categories\": null, \"user\": {\"community\": true}, "
									+ "\"legacy_modelfile\": \"{not json\"}");
				assertThat(row(connection, "SELECT base_model_id, name, params, meta FROM model WHERE id = 'ollama-bare'"))
					.containsExactly(null, "bare", "{}",
							"{\"description\": null, \"profile_image_url\": null, \"ollama\": {\"modelfile\": null}, "
									+ "\"suggestion_prompts\": null, \"categories\": null, \"user\": {\"community\": true}}");
				assertThat(Sql.strings(connection, "SELECT count(*) FROM model")).containsExactly("3");
			}
		}
	}

	private static void modelfile(TestDatabase database, String tag, String json, long timestamp) throws Exception {
		insert(database, "INSERT INTO modelfile (tag_name, user_id, modelfile, timestamp) VALUES (?, ?, ?, ?)", tag, "u1",
				json, timestamp);
	}

	private static void insert(TestDatabase database, String sql, Object... values) throws Exception {
		try (Connection connection = database.connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < values.length; i++) {
				statement.setObject(i + 1, values[i]);
			}
			statement.executeUpdate();
		}
	}

	private static Object[] row(Connection connection, String sql) throws Exception {
		try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
			assertThat(rows.next()).as(sql).isTrue();
			Object[] values = new Object[rows.getMetaData().getColumnCount()];
			for (int i = 0; i < values.length; i++) {
				Object value = rows.getObject(i + 1);
				if (value instanceof Boolean bool) {
					value = bool ? 1L : 0L;
				}
				else if (value instanceof Integer integer) {
					value = integer.longValue();
				}
				values[i] = value;
			}
			return values;
		}
	}

}
