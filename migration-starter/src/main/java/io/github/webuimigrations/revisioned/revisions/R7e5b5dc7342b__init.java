package io.github.webuimigrations.revisioned.revisions;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.RevisionOperations;
import io.github.webuimigrations.revisioned.op.TableDefinition;

import static io.github.webuimigrations.revisioned.op.ColumnType.BIG_INTEGER;
import static io.github.webuimigrations.revisioned.op.ColumnType.BOOLEAN;
import static io.github.webuimigrations.revisioned.op.ColumnType.JSON_FIELD;
import static io.github.webuimigrations.revisioned.op.ColumnType.STRING;
import static io.github.webuimigrations.revisioned.op.ColumnType.TEXT;

/**
 * {@code 7e5b5dc7342b_init}: the 12 base tables, each only if it does not exist yet (a
 * database that went through the legacy tier has them all, in peewee's form). The downgrade
 * drops only the tables this revision created: upstream drops all 12, also the legacy tier's.
 */
public class R7e5b5dc7342b__init extends Revision {

	/** The tables each legacy migration creates (their schema belongs to the legacy tier). */
	private static final Map<Integer, List<String>> LEGACY_TABLES = Map.of(1,
			List.of("auth", "chat", "chatidtag", "document", "prompt", "tag", "user"), 8, List.of("memory"), 9,
			List.of("model"), 12, List.of("tool"), 14, List.of("file"), 15, List.of("function"));

	static final List<TableDefinition> TABLES = List.of(
			TableDefinition.named("auth").column("id", STRING).column("email", STRING).column("password", TEXT)
				.column("active", BOOLEAN).primaryKey("id"),
			TableDefinition.named("chat").column("id", STRING).column("user_id", STRING).column("title", TEXT)
				.column("chat", TEXT).column("created_at", BIG_INTEGER).column("updated_at", BIG_INTEGER)
				.column("share_id", TEXT).column("archived", BOOLEAN).primaryKey("id").unique("share_id"),
			TableDefinition.named("chatidtag").column("id", STRING).column("tag_name", STRING).column("chat_id", STRING)
				.column("user_id", STRING).column("timestamp", BIG_INTEGER).primaryKey("id"),
			TableDefinition.named("document").column("collection_name", STRING).column("name", STRING).column("title", TEXT)
				.column("filename", TEXT).column("content", TEXT).column("user_id", STRING)
				.column("timestamp", BIG_INTEGER).primaryKey("collection_name").unique("name"),
			TableDefinition.named("file").column("id", STRING).column("user_id", STRING).column("filename", TEXT)
				.column("meta", JSON_FIELD).column("created_at", BIG_INTEGER).primaryKey("id"),
			TableDefinition.named("function").column("id", STRING).column("user_id", STRING).column("name", TEXT)
				.column("type", TEXT).column("content", TEXT).column("meta", JSON_FIELD).column("valves", JSON_FIELD)
				.column("is_active", BOOLEAN).column("is_global", BOOLEAN).column("updated_at", BIG_INTEGER)
				.column("created_at", BIG_INTEGER).primaryKey("id"),
			TableDefinition.named("memory").column("id", STRING).column("user_id", STRING).column("content", TEXT)
				.column("updated_at", BIG_INTEGER).column("created_at", BIG_INTEGER).primaryKey("id"),
			TableDefinition.named("model").column("id", TEXT).column("user_id", TEXT).column("base_model_id", TEXT)
				.column("name", TEXT).column("params", JSON_FIELD).column("meta", JSON_FIELD)
				.column("updated_at", BIG_INTEGER).column("created_at", BIG_INTEGER).primaryKey("id"),
			TableDefinition.named("prompt").column("command", STRING).column("user_id", STRING).column("title", TEXT)
				.column("content", TEXT).column("timestamp", BIG_INTEGER).primaryKey("command"),
			TableDefinition.named("tag").column("id", STRING).column("name", STRING).column("user_id", STRING)
				.column("data", TEXT).primaryKey("id"),
			TableDefinition.named("tool").column("id", STRING).column("user_id", STRING).column("name", TEXT)
				.column("content", TEXT).column("specs", JSON_FIELD).column("meta", JSON_FIELD)
				.column("valves", JSON_FIELD).column("updated_at", BIG_INTEGER).column("created_at", BIG_INTEGER)
				.primaryKey("id"),
			TableDefinition.named("user").column("id", STRING).column("name", STRING).column("email", STRING)
				.column("role", STRING).column("profile_image_url", TEXT).column("last_active_at", BIG_INTEGER)
				.column("updated_at", BIG_INTEGER).column("created_at", BIG_INTEGER).column("api_key", STRING)
				.column("settings", JSON_FIELD).column("info", JSON_FIELD).column("oauth_sub", TEXT)
				.primaryKey("id").unique("api_key").unique("oauth_sub"));

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		Set<String> existing = op.tableNames();
		for (TableDefinition table : TABLES) {
			if (!existing.contains(table.name())) {
				op.createTable(table);
			}
		}
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		Set<String> legacy = legacyTables(op);
		for (int i = TABLES.size() - 1; i >= 0; i--) {
			String table = TABLES.get(i).name();
			if (!legacy.contains(table) && op.hasTable(table)) {
				op.dropTable(table);
			}
		}
	}

	private static Set<String> legacyTables(RevisionOperations op) throws SQLException {
		if (!op.hasTable("migratehistory")) {
			return Set.of();
		}
		int applied = op.strings("SELECT name FROM migratehistory").size();
		return LEGACY_TABLES.entrySet()
			.stream()
			.filter((entry) -> entry.getKey() <= applied)
			.flatMap((entry) -> entry.getValue().stream())
			.collect(java.util.stream.Collectors.toSet());
	}

}
