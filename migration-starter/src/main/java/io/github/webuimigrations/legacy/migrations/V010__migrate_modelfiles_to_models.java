package io.github.webuimigrations.legacy.migrations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.webuimigrations.PreflightFindings;
import io.github.webuimigrations.json.PythonJson;
import io.github.webuimigrations.legacy.LegacyMigration;
import io.github.webuimigrations.legacy.LegacyMigrator;
import io.github.webuimigrations.legacy.SchemaInspector;
import io.github.webuimigrations.legacy.modelfile.OllamaModelfile;

/**
 * {@code 010_migrate_modelfiles_to_models}: every {@code modelfile} row becomes a
 * {@code model} row ({@code ollama-<tag>}, meta from the modelfile JSON, params parsed from
 * its Ollama text), then {@code modelfile} is dropped. Rows upstream crashes on (invalid
 * JSON, no content, no title, a null user) are converted too, keeping their text: see
 * docs/deviations.md. Irreversible, as upstream's rollback cannot run.
 */
public class V010__migrate_modelfiles_to_models extends LegacyMigration {

	private static final Log logger = LogFactory.getLog(V010__migrate_modelfiles_to_models.class);

	private static final int BATCH = 500;

	@Override
	protected void upgrade(LegacyMigrator migrator) throws SQLException {
		try (Statement select = migrator.connection().createStatement();
				PreparedStatement insert = migrator.connection()
					.prepareStatement("INSERT INTO model (id, user_id, base_model_id, name, meta, params, created_at, "
							+ "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
			select.setFetchSize(BATCH);
			try (ResultSet rows = select.executeQuery("SELECT tag_name, user_id, modelfile, timestamp FROM modelfile")) {
				int pending = 0;
				while (rows.next()) {
					convert(rows.getString(1), rows.getString(2), rows.getString(3), rows.getLong(4), insert);
					if (++pending == BATCH) {
						insert.executeBatch();
						pending = 0;
					}
				}
				if (pending > 0) {
					insert.executeBatch();
				}
			}
		}
		migrator.removeModel("modelfile");
	}

	@Override
	public void upstreamOnly(Connection connection, PreflightFindings findings) throws SQLException {
		if (!SchemaInspector.tableExists(connection, "modelfile")) {
			return;
		}
		try (Statement select = connection.createStatement()) {
			select.setFetchSize(BATCH);
			try (ResultSet rows = select.executeQuery("SELECT tag_name, user_id, modelfile FROM modelfile")) {
				while (rows.next()) {
					String problem = upstreamProblem(rows.getString(3));
					if (problem != null) {
						findings.upstreamOnly("modelfile", rows.getString(1), problem + "; open-webui stops here, this "
								+ "starter converts the row and keeps its text (docs/deviations.md)");
					}
				}
			}
		}
	}

	/** What stops upstream's conversion of a modelfile, or null if it converts. */
	private static String upstreamProblem(String text) {
		Object parsed;
		try {
			parsed = (text != null) ? PythonJson.parse(text) : null;
		}
		catch (PythonJson.InvalidJsonException ex) {
			return "modelfile is not JSON";
		}
		if (!(parsed instanceof Map<?, ?> modelfile)) {
			return "modelfile is not a JSON object";
		}
		if (!modelfile.containsKey("title")) {
			return "modelfile has no title";
		}
		if (!modelfile.containsKey("content")) {
			return "modelfile has no content";
		}
		if (modelfile.containsKey("user") && !(modelfile.get("user") instanceof Map)) {
			return "modelfile's user is not an object";
		}
		return null;
	}

	private void convert(String tagName, String userId, String text, long timestamp, PreparedStatement insert)
			throws SQLException {
		Map<String, Object> modelfile = readModelfile(tagName, text);
		Object content = modelfile.get("content");
		Map<String, Object> meta = new LinkedHashMap<>();
		meta.put("description", modelfile.get("desc"));
		meta.put("profile_image_url", modelfile.get("imageUrl"));
		meta.put("ollama", singleton("modelfile", content));
		meta.put("suggestion_prompts", modelfile.get("suggestionPrompts"));
		meta.put("categories", modelfile.get("categories"));
		Map<String, Object> user = new LinkedHashMap<>();
		if (modelfile.get("user") instanceof Map<?, ?> original) {
			original.forEach((key, value) -> user.put(String.valueOf(key), value));
		}
		user.put("community", true);
		meta.put("user", user);
		if (modelfile.containsKey(LEGACY_TEXT)) {
			meta.put(LEGACY_TEXT, modelfile.get(LEGACY_TEXT));
		}
		String baseModelId = null;
		Map<String, Object> params = Map.of();
		if (content instanceof String ollamaText) {
			OllamaModelfile parsed = OllamaModelfile.parse(ollamaText);
			baseModelId = parsed.baseModelId();
			params = parsed.params();
			parsed.skipped()
				.forEach((name) -> logger.warn("Modelfile '" + tagName + "': PARAMETER " + name
						+ " has a value that does not convert; skipped, as upstream does"));
		}
		Object title = modelfile.get("title");
		insert.setString(1, "ollama-" + tagName);
		insert.setString(2, userId);
		insert.setString(3, baseModelId);
		insert.setString(4, (title != null) ? String.valueOf(title) : tagName);
		insert.setString(5, PythonJson.dumps(meta));
		insert.setString(6, PythonJson.dumps(params));
		insert.setLong(7, timestamp);
		insert.setLong(8, timestamp);
		insert.addBatch();
	}

	/** Key under which the text of an unreadable modelfile is kept in the model's meta. */
	static final String LEGACY_TEXT = "legacy_modelfile";

	@SuppressWarnings("unchecked")
	private static Map<String, Object> readModelfile(String tagName, String text) {
		try {
			if (text != null && PythonJson.parse(text) instanceof Map<?, ?> map) {
				return (Map<String, Object>) map;
			}
		}
		catch (PythonJson.InvalidJsonException ex) {
			// kept below
		}
		logger.warn("Modelfile '" + tagName + "' is not a JSON object; kept as text in the model's meta."
				+ LEGACY_TEXT + " (upstream stops here)");
		return singleton(LEGACY_TEXT, text);
	}

	private static Map<String, Object> singleton(String key, Object value) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put(key, value);
		return map;
	}

	@Override
	protected void rollback(LegacyMigrator migrator) {
		throw new IllegalStateException(rollbackRefusal());
	}

	@Override
	public String rollbackRefusal() {
		return "010_migrate_modelfiles_to_models cannot be rolled back: upstream's rollback cannot run (it looks up "
				+ "the dropped modelfile table) and the conversion is lossy; restore a backup taken before 010";
	}

}
