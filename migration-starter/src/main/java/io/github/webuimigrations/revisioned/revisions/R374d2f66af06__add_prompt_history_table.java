package io.github.webuimigrations.revisioned.revisions;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.webuimigrations.json.PythonJson;
import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.ColumnType;
import io.github.webuimigrations.revisioned.op.KeysetScan;
import io.github.webuimigrations.revisioned.op.RevisionOperations;
import io.github.webuimigrations.revisioned.op.TableDefinition;

import static io.github.webuimigrations.revisioned.op.ColumnType.BIG_INTEGER;
import static io.github.webuimigrations.revisioned.op.ColumnType.BOOLEAN;
import static io.github.webuimigrations.revisioned.op.ColumnType.JSON;
import static io.github.webuimigrations.revisioned.op.ColumnType.STRING;
import static io.github.webuimigrations.revisioned.op.ColumnType.TEXT;

/**
 * {@code 374d2f66af06_add_prompt_history_table}: {@code prompt} is rebuilt with uuid ids
 * (through {@code prompt_new}, whose index and PostgreSQL primary key keep that name) and each
 * prompt gets a first {@code prompt_history} entry; upstream's restartable steps are kept. The
 * downgrade loses the history, ids and new fields, so it is refused while there are prompts;
 * on an empty table it puts back the table the database had (the legacy tier's or init's).
 */
public class R374d2f66af06__add_prompt_history_table extends Revision {

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		boolean hasPrompt = op.hasTable("prompt");
		boolean hasPromptNew = op.hasTable("prompt_new");
		if (op.hasTable("prompt_history") && !hasPromptNew && hasPrompt && op.hasColumn("prompt", "id")
				&& op.hasColumn("prompt", "version_id")) {
			return;
		}
		boolean convert = hasPrompt && !hasPromptNew && op.hasColumn("prompt", "command")
				&& !op.hasColumn("prompt", "version_id");
		if (!hasPromptNew) {
			op.createTable(TableDefinition.named("prompt_new")
				.column("id", TEXT)
				.column("command", STRING)
				.column(Column.of("user_id", STRING).notNull())
				.column(Column.of("name", TEXT).notNull())
				.column(Column.of("content", TEXT).notNull())
				.column("data", JSON)
				.column("meta", JSON)
				.column("access_control", JSON)
				.column(Column.of("is_active", BOOLEAN).notNull().withDefault(Column.ServerDefault.literalBoolean(true)))
				.column("version_id", TEXT)
				.column("tags", JSON)
				.column(Column.of("created_at", BIG_INTEGER).notNull())
				.column(Column.of("updated_at", BIG_INTEGER).notNull())
				.primaryKey("id"));
			op.createIndex("ix_prompt_new_command", "prompt_new", true, "command");
		}
		if (!op.hasTable("prompt_history")) {
			op.createTable(TableDefinition.named("prompt_history")
				.column("id", TEXT)
				.column(Column.of("prompt_id", TEXT).notNull())
				.column("parent_id", TEXT)
				.column(Column.of("snapshot", JSON).notNull())
				.column(Column.of("user_id", TEXT).notNull())
				.column("commit_message", TEXT)
				.column(Column.of("created_at", BIG_INTEGER).notNull())
				.primaryKey("id"));
			op.createIndex("ix_prompt_history_prompt_id", "prompt_history", false, "prompt_id");
		}
		if (convert) {
			copyPrompts(op);
		}
		if (op.hasTable("prompt_new")) {
			if (op.hasTable("prompt")) {
				op.dropTable("prompt");
			}
			op.execute("ALTER TABLE prompt_new RENAME TO prompt");
		}
	}

	private static void copyPrompts(RevisionOperations op) throws SQLException {
		boolean hasAccessControl = op.hasColumn("prompt", "access_control");
		String json = op.jsonPlaceholder();
		try (PreparedStatement prompt = op.connection().prepareStatement("INSERT INTO prompt_new (id, command, user_id, name, "
				+ "content, data, meta, access_control, is_active, version_id, tags, created_at, updated_at) VALUES "
				+ "(?, ?, ?, ?, ?, " + json + ", " + json + ", " + json + ", ?, ?, " + json + ", ?, ?)");
				PreparedStatement history = op.connection().prepareStatement("INSERT INTO prompt_history (id, prompt_id, "
						+ "parent_id, snapshot, user_id, commit_message, created_at) VALUES (?, ?, NULL, " + json + ", ?, NULL, ?)")) {
			List<String> columns = hasAccessControl ? List.of("user_id", "title", "content", "timestamp", "access_control")
					: List.of("user_id", "title", "content", "timestamp");
			KeysetScan.forEachPage(op, "prompt", "command", columns, (rows) -> {
				for (Object[] row : rows) {
					String newId = UUID.randomUUID().toString();
					String historyId = UUID.randomUUID().toString();
					String command = (String) row[0];
					if (command != null && command.startsWith("/")) {
						command = command.substring(1);
					}
					// access_control as SQLAlchemy reads and writes it back: JSON null for NULL
					String accessControl = (hasAccessControl && row[5] != null) ? row[5].toString() : "null";
					prompt.setString(1, newId);
					prompt.setString(2, command);
					prompt.setObject(3, row[1]);
					prompt.setObject(4, row[2]);
					prompt.setObject(5, row[3]);
					prompt.setString(6, "{}");
					prompt.setString(7, "{}");
					prompt.setString(8, accessControl);
					prompt.setBoolean(9, true);
					prompt.setString(10, historyId);
					prompt.setString(11, "[]");
					prompt.setObject(12, row[4]);
					prompt.setObject(13, row[4]);
					prompt.addBatch();
					Map<String, Object> snapshot = new LinkedHashMap<>();
					snapshot.put("name", row[2]);
					snapshot.put("content", row[3]);
					snapshot.put("command", command);
					snapshot.put("data", Map.of());
					snapshot.put("meta", Map.of());
					snapshot.put("access_control", PythonJson.parse(accessControl));
					history.setString(1, historyId);
					history.setString(2, newId);
					history.setString(3, PythonJson.dumps(snapshot));
					history.setObject(4, row[1]);
					history.setObject(5, row[4]);
					history.addBatch();
				}
				prompt.executeBatch();
				history.executeBatch();
			});
		}
	}

	@Override
	public String downgradeRefusal(RevisionOperations op) throws SQLException {
		if (!op.strings("SELECT id FROM prompt LIMIT 1").isEmpty()) {
			return "374d2f66af06_add_prompt_history_table cannot be downgraded while prompts exist: upstream's downgrade "
					+ "loses every prompt's history, id, data, meta, tags and active flag; restore a backup taken before it";
		}
		return null;
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		op.dropTable("prompt_history");
		op.dropTable("prompt");
		if (op.legacyMigrationsApplied() > 0) {
			// the legacy tier's prompt, with the access_control 922e7a387820 added
			String integer = op.isSqlite() ? "INTEGER" : "SERIAL";
			String bigint = op.isSqlite() ? "INTEGER" : "BIGINT";
			String notNullTwice = op.isSqlite() ? " NOT NULL NOT NULL" : " NOT NULL";
			op.execute("CREATE TABLE \"prompt\" (\"id\" " + integer + " NOT NULL PRIMARY KEY, \"command\" VARCHAR(255) NOT NULL, "
					+ "\"user_id\" VARCHAR(255) NOT NULL, \"title\" TEXT" + notNullTwice + ", \"content\" TEXT NOT NULL, "
					+ "\"timestamp\" " + bigint + notNullTwice + ", access_control JSON)");
			op.execute("CREATE UNIQUE INDEX \"prompt_command\" ON \"prompt\" (\"command\")");
		}
		else {
			op.createTable(TableDefinition.named("prompt")
				.column("command", STRING)
				.column("user_id", STRING)
				.column("title", TEXT)
				.column("content", TEXT)
				.column("timestamp", BIG_INTEGER)
				.column("access_control", ColumnType.JSON)
				.primaryKey("command"));
		}
	}

}
