package io.github.webuimigrations.revisioned.revisions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.webuimigrations.json.PythonJson;
import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.RevisionOperations;
import io.github.webuimigrations.revisioned.op.TableDefinition;

import static io.github.webuimigrations.revisioned.op.ColumnType.BIG_INTEGER;
import static io.github.webuimigrations.revisioned.op.ColumnType.DATE_TIME;
import static io.github.webuimigrations.revisioned.op.ColumnType.INTEGER;
import static io.github.webuimigrations.revisioned.op.ColumnType.JSON;
import static io.github.webuimigrations.revisioned.op.ColumnType.TEXT;

/**
 * {@code 3ff2c63645b8_reshape_config_to_per_key_rows}: the single JSON blob in {@code config}
 * becomes one row per setting ({@code key}, {@code value}), flattened and renamed with
 * upstream's key table (spec Appendix C, {@code db/revisions/data/3ff2c63645b8_config_keys.tsv});
 * the old table is kept as {@code config_old}. The downgrade would lose every change made
 * since, so it is refused once a setting has been written after the reshape.
 */
public class R3ff2c63645b8__reshape_config_to_per_key_rows extends Revision {

	private static final String KEY_TABLE = "/db/revisions/data/3ff2c63645b8_config_keys.tsv";

	/** Blob path to the key it is stored under. */
	private static final Map<String, String> PATHS = new LinkedHashMap<>();

	/** Legacy env/config name to the key it is stored under (a later path wins). */
	private static final Map<String, String> NAMES = new HashMap<>();

	static {
		try (InputStream stream = R3ff2c63645b8__reshape_config_to_per_key_rows.class.getResourceAsStream(KEY_TABLE);
				BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
			reader.lines().filter((line) -> !line.startsWith("#") && !line.isBlank()).forEach((line) -> {
				String[] columns = line.split("\t");
				PATHS.put(columns[0], columns[2]);
				NAMES.put(columns[1], columns[2]);
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		boolean hasOld = op.hasTable("config") && op.hasColumn("config", "id") && op.hasColumn("config", "data");
		boolean hasNew = op.hasTable("config") && op.hasColumn("config", "key") && op.hasColumn("config", "value");
		Map<String, Object> blob = Map.of();
		if (hasOld) {
			List<String> data = op.strings("SELECT data FROM config ORDER BY id DESC LIMIT 1");
			blob = decode(data.isEmpty() ? null : data.get(0));
			if (op.hasTable("config_old")) {
				op.dropTable("config_old");
			}
			op.execute("ALTER TABLE config RENAME TO config_old");
		}
		if (!hasNew) {
			// on PostgreSQL the key becomes config_pkey1: config_old keeps config_pkey
			op.createTable(TableDefinition.named("config")
				.column("key", TEXT)
				.column(Column.of("value", JSON).notNull())
				.column("updated_at", BIG_INTEGER)
				.primaryKey("key"));
		}
		Map<String, Object> rows = new LinkedHashMap<>();
		flatten(blob, "", rows);
		long now = System.currentTimeMillis() / 1000;
		try (PreparedStatement insert = op.connection().prepareStatement(
				"INSERT INTO config (key, value, updated_at) VALUES (?, " + op.jsonPlaceholder() + ", ?)")) {
			for (Map.Entry<String, Object> row : rows.entrySet()) {
				insert.setString(1, row.getKey());
				insert.setString(2, PythonJson.dumps(op.isSqlite() ? row.getValue() : PythonJson.withoutNonFinite(row.getValue())));
				insert.setLong(3, now);
				insert.addBatch();
			}
			insert.executeBatch();
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> decode(String data) {
		try {
			Object value = (data != null) ? PythonJson.parse(data) : null;
			if (value instanceof String text) {
				value = PythonJson.parse(text);
			}
			return (value instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
		}
		catch (PythonJson.InvalidJsonException ex) {
			return Map.of();
		}
	}

	/** Upstream's walk: known paths and names are stored whole, other objects recursed into; first occurrence wins. */
	private static void flatten(Map<?, ?> blob, String prefix, Map<String, Object> rows) {
		blob.forEach((name, value) -> {
			String path = prefix.isEmpty() ? String.valueOf(name) : prefix + "." + name;
			boolean known = PATHS.containsKey(path) || NAMES.containsKey(path);
			if (!known && value instanceof Map<?, ?> nested) {
				flatten(nested, path, rows);
				return;
			}
			String key = PATHS.containsKey(path) ? PATHS.get(path) : NAMES.getOrDefault(path, path);
			rows.putIfAbsent(key, value);
		});
	}

	@Override
	public String downgradeRefusal(RevisionOperations op) throws SQLException {
		List<String> spread = op.strings("SELECT CAST(max(updated_at) - min(updated_at) AS TEXT) FROM config");
		if (!spread.isEmpty() && spread.get(0) != null && !spread.get(0).equals("0")) {
			return "3ff2c63645b8_reshape_config_to_per_key_rows cannot be downgraded: settings were changed after the "
					+ "reshape, and upstream's downgrade goes back to the old blob without them";
		}
		return null;
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		if (op.hasTable("config_old")) {
			op.dropTable("config");
			op.execute("ALTER TABLE config_old RENAME TO config");
			return;
		}
		Map<String, Object> blob = new LinkedHashMap<>();
		for (String row : op.strings("SELECT key FROM config ORDER BY key")) {
			blob.put(row, PythonJson.parse(op.strings("SELECT CAST(value AS TEXT) FROM config WHERE key = ?", row).get(0)));
		}
		op.dropTable("config");
		op.createTable(TableDefinition.named("config")
			.column("id", INTEGER)
			.column(Column.of("data", JSON).notNull())
			.column(Column.of("version", INTEGER).notNull().withDefault(Column.ServerDefault.literal("0")))
			.column(Column.of("created_at", DATE_TIME).notNull().withDefault(Column.ServerDefault.NOW))
			.column(Column.of("updated_at", DATE_TIME).withDefault(Column.ServerDefault.NOW))
			.autoincrementPrimaryKey("id"));
		if (!blob.isEmpty()) {
			op.execute("INSERT INTO config (data) VALUES (" + op.jsonPlaceholder() + ")", PythonJson.dumps(blob));
		}
	}

}
