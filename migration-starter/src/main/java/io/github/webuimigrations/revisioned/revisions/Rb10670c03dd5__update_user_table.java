package io.github.webuimigrations.revisioned.revisions;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.webuimigrations.json.PythonJson;
import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.ColumnType;
import io.github.webuimigrations.revisioned.op.KeysetScan;
import io.github.webuimigrations.revisioned.op.RevisionOperations;
import io.github.webuimigrations.revisioned.op.TableDefinition;

import static io.github.webuimigrations.revisioned.op.ColumnType.BIG_INTEGER;
import static io.github.webuimigrations.revisioned.op.ColumnType.JSON;
import static io.github.webuimigrations.revisioned.op.ColumnType.STRING;
import static io.github.webuimigrations.revisioned.op.ColumnType.TEXT;

/**
 * {@code b10670c03dd5_update_user_table}: profile and status columns on {@code user};
 * {@code info} and {@code settings} from text to JSON; the {@code api_key} table filled from
 * {@code user.api_key}; {@code user.oauth} filled from {@code user.oauth_sub}; then
 * {@code api_key} and {@code oauth_sub} leave {@code user}. Upstream writes {@code oauth}
 * double-encoded (a JSON string holding the object) and loses info/settings text that is not
 * JSON (SQLite) or stops on it (PostgreSQL); we write the object and keep such text
 * (docs/deviations.md). The downgrade puts back the columns and their unique indexes.
 */
public class Rb10670c03dd5__update_user_table extends Revision {

	private static final List<Column> PROFILE = List.of(Column.of("profile_banner_image_url", TEXT),
			Column.of("timezone", STRING), Column.of("presence_state", STRING), Column.of("status_emoji", STRING),
			Column.of("status_message", TEXT), Column.of("status_expires_at", BIG_INTEGER));

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		for (Column column : PROFILE) {
			if (!op.hasColumn("user", column.name())) {
				op.addColumn("user", column);
			}
		}
		if (!op.hasColumn("user", "oauth")) {
			op.addColumn("user", Column.of("oauth", JSON));
		}
		for (String column : new String[] { "info", "settings" }) {
			if (op.columns("user").stream().anyMatch((c) -> c.name().equals(column) && c.isText())) {
				toJson(op, column);
			}
		}
		if (!op.hasTable("api_key")) {
			op.createTable(TableDefinition.named("api_key")
				.column(Column.of("id", TEXT).notNull())
				.column("user_id", TEXT)
				.column(Column.of("key", TEXT).notNull())
				.column("data", JSON)
				.column("expires_at", BIG_INTEGER)
				.column("last_used_at", BIG_INTEGER)
				.column(Column.of("created_at", BIG_INTEGER).notNull())
				.column(Column.of("updated_at", BIG_INTEGER).notNull())
				.primaryKey("id")
				.unique("id")
				.unique("key")
				.foreignKey("FOREIGN KEY(user_id) REFERENCES \"user\" (id) ON DELETE CASCADE"));
		}
		boolean hasOauthSub = op.hasColumn("user", "oauth_sub");
		boolean hasApiKey = op.hasColumn("user", "api_key");
		if (hasOauthSub) {
			try (PreparedStatement update = op.connection()
				.prepareStatement("UPDATE \"user\" SET oauth = " + op.jsonPlaceholder() + " WHERE id = ?")) {
				KeysetScan.forEachPage(op, "user", "id", List.of("oauth_sub"), (rows) -> {
					for (Object[] row : rows) {
						String sub = (String) row[1];
						if (sub == null || sub.isEmpty()) {
							continue;
						}
						int at = sub.indexOf('@');
						Map<String, Object> oauth = new LinkedHashMap<>();
						oauth.put((at < 0) ? "oidc" : sub.substring(0, at), Map.of("sub", (at < 0) ? sub : sub.substring(at + 1)));
						update.setString(1, PythonJson.dumps(oauth));
						update.setObject(2, row[0]);
						update.addBatch();
					}
					update.executeBatch();
				});
			}
		}
		if (hasApiKey) {
			long now = System.currentTimeMillis() / 1000;
			op.execute("INSERT INTO api_key (id, user_id, key, created_at, updated_at) SELECT 'key_' || id, id, api_key, ?, ? "
					+ "FROM \"user\" WHERE api_key IS NOT NULL AND api_key <> ''", now, now);
		}
		if (hasOauthSub || hasApiKey) {
			if (op.isSqlite()) {
				// the columns cannot be dropped while indexes use them (peewee's user_api_key, user_oauth_sub)
				for (String index : op.strings("SELECT il.name FROM pragma_index_list('user') il "
						+ "JOIN pragma_index_info(il.name) ii WHERE il.origin = 'c' AND ii.name IN ('api_key', 'oauth_sub')")) {
					op.dropIndex(index);
				}
			}
			op.batch("user", (batch) -> {
				if (hasApiKey) {
					batch.dropColumn("api_key");
				}
				if (hasOauthSub) {
					batch.dropColumn("oauth_sub");
				}
			});
		}
	}

	/** {@code info}/{@code settings} text to JSON, as upstream converts per dialect. */
	private static void toJson(RevisionOperations op, String column) throws SQLException {
		String placeholder = op.jsonPlaceholder();
		if (op.isSqlite()) {
			op.addColumn("user", Column.of(column + "_json", JSON));
			try (PreparedStatement update = op.connection()
				.prepareStatement("UPDATE \"user\" SET " + column + "_json = " + placeholder + " WHERE id = ?")) {
				KeysetScan.forEachPage(op, "user", "id", List.of(column), (rows) -> {
					for (Object[] row : rows) {
						// SQL NULL becomes JSON null on SQLite, as upstream writes it
						update.setString(1, (row[1] != null) ? json(column, (String) row[1], true) : "null");
						update.setObject(2, row[0]);
						update.addBatch();
					}
					update.executeBatch();
				});
			}
			op.dropColumn("user", column);
			op.renameColumn("user", column + "_json", column);
		}
		else {
			try (PreparedStatement update = op.connection()
				.prepareStatement("UPDATE \"user\" SET " + column + " = ? WHERE id = ?")) {
				KeysetScan.forEachPage(op, "user", "id", List.of(column), (rows) -> {
					for (Object[] row : rows) {
						String text = (String) row[1];
						if (text != null && !json(column, text, false).equals(text)) {
							update.setString(1, json(column, text, false));
							update.setObject(2, row[0]);
							update.addBatch();
						}
					}
					update.executeBatch();
				});
			}
			op.execute("ALTER TABLE \"user\" ALTER COLUMN " + column + " TYPE JSON USING " + column + "::json");
		}
	}

	/** The JSON text for a stored value; text that is not JSON (for PostgreSQL: with NaN) is kept inside an object. */
	private static String json(String column, String text, boolean sqlite) {
		try {
			Object parsed = PythonJson.parse(text);
			if (sqlite || PythonJson.isFinite(parsed)) {
				return text;
			}
		}
		catch (PythonJson.InvalidJsonException ex) {
			// kept below
		}
		return PythonJson.dumps(Map.of("legacy_unparsed_" + column, text));
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		boolean legacy = op.legacyMigrationsApplied() > 0;
		op.addColumn("user", Column.of("oauth_sub", TEXT));
		try (PreparedStatement update = op.connection().prepareStatement("UPDATE \"user\" SET oauth_sub = ? WHERE id = ?")) {
			KeysetScan.forEachPage(op, "user", "id", List.of("oauth"), (rows) -> {
				for (Object[] row : rows) {
					if (row[1] == null) {
						continue;
					}
					Object oauth = PythonJson.parse(row[1].toString());
					if (oauth instanceof String text) {
						oauth = PythonJson.parse(text);
					}
					if (oauth instanceof Map<?, ?> map && !map.isEmpty()) {
						Map.Entry<?, ?> first = map.entrySet().iterator().next();
						Object sub = (first.getValue() instanceof Map<?, ?> inner) ? inner.get("sub") : null;
						update.setString(1, first.getKey() + "@" + sub);
						update.setObject(2, row[0]);
						update.addBatch();
					}
				}
				update.executeBatch();
			});
		}
		op.dropColumn("user", "oauth");
		op.addColumn("user", Column.of("api_key", legacy ? ColumnType.string(255) : STRING));
		op.execute("UPDATE \"user\" SET api_key = (SELECT key FROM api_key WHERE api_key.user_id = \"user\".id "
				+ "ORDER BY created_at LIMIT 1)");
		op.dropTable("api_key");
		for (int i = PROFILE.size() - 1; i >= 0; i--) {
			op.dropColumn("user", PROFILE.get(i).name());
		}
		for (String column : new String[] { "info", "settings" }) {
			op.batch("user", (batch) -> batch.alterColumn(column, TEXT, column + "::text", null, false));
		}
		if (legacy) {
			op.createIndex("user_api_key", "user", true, "api_key");
			op.createIndex("user_oauth_sub", "user", true, "oauth_sub");
		}
		else {
			op.batch("user", (batch) -> batch.createUniqueConstraint(op.isSqlite() ? null : "user_api_key_key", "api_key")
				.createUniqueConstraint(op.isSqlite() ? null : "user_oauth_sub_key", "oauth_sub"));
		}
	}

}
