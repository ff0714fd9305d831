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
import io.github.webuimigrations.revisioned.op.KeysetScan;
import io.github.webuimigrations.revisioned.op.RevisionOperations;
import io.github.webuimigrations.revisioned.op.TableDefinition;

import static io.github.webuimigrations.revisioned.op.ColumnType.BIG_INTEGER;
import static io.github.webuimigrations.revisioned.op.ColumnType.JSON;
import static io.github.webuimigrations.revisioned.op.ColumnType.TEXT;

/**
 * {@code 6a39f3d8e55c_add_knowledge_table}: if {@code knowledge} is missing, create it and copy
 * every {@code document} row into it (the documents stay). A document whose content is not a
 * JSON object gets no tags instead of stopping the upgrade (docs/deviations.md).
 */
public class R6a39f3d8e55c__add_knowledge_table extends Revision {

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (op.hasTable("knowledge")) {
			return;
		}
		op.createTable(TableDefinition.named("knowledge")
			.column("id", TEXT)
			.column(Column.of("user_id", TEXT).notNull())
			.column(Column.of("name", TEXT).notNull())
			.column("description", TEXT)
			.column("data", JSON)
			.column("meta", JSON)
			.column(Column.of("created_at", BIG_INTEGER).notNull())
			.column("updated_at", BIG_INTEGER)
			.primaryKey("id"));
		if (!op.hasTable("document")) {
			return;
		}
		copyDocuments(op);
	}

	/**
	 * Upstream's guard skips the whole revision once {@code knowledge} exists: after a failed
	 * first run (a document whose content is not JSON) no document ever became knowledge.
	 */
	@Override
	public String halfApplied(RevisionOperations op) throws SQLException {
		if (!op.hasTable("knowledge") || !op.hasTable("document") || op.strings("SELECT 1 FROM document LIMIT 1").isEmpty()
				|| !op.strings("SELECT 1 FROM document WHERE collection_name IN (SELECT id FROM knowledge) LIMIT 1")
					.isEmpty()) {
			return null;
		}
		return "no document became a knowledge entry (a failed run of open-webui); migrate copies each document, "
				+ "with the public read grant a run that never failed gives it";
	}

	@Override
	public void completeHalfApplied(RevisionOperations op) throws SQLException {
		copyDocuments(op);
		// later revisions gave these entries access_control NULL, then f1e2d3c4b5a6 a public read grant
		if (op.hasTable("access_grant") && !op.hasColumn("knowledge", "access_control")) {
			long now = System.currentTimeMillis() / 1000;
			for (String id : op.strings("SELECT collection_name FROM document ORDER BY collection_name")) {
				op.execute("INSERT INTO access_grant (id, resource_type, resource_id, principal_type, principal_id, "
						+ "permission, created_at) VALUES (?, 'knowledge', ?, 'user', '*', 'read', ?) ON CONFLICT DO NOTHING",
						UUID.randomUUID().toString(), id, now);
			}
		}
	}

	private static void copyDocuments(RevisionOperations op) throws SQLException {
		try (PreparedStatement insert = op.connection()
			.prepareStatement("INSERT INTO knowledge (id, user_id, description, meta, name, created_at, updated_at) "
					+ "VALUES (?, ?, ?, " + op.jsonPlaceholder() + ", ?, ?, ?)")) {
			KeysetScan.forEachPage(op, "document", "collection_name",
					List.of("user_id", "name", "title", "content", "timestamp"), (rows) -> {
						for (Object[] row : rows) {
							Map<String, Object> meta = new LinkedHashMap<>();
							meta.put("legacy", true);
							meta.put("document", true);
							meta.put("tags", tags((String) row[4]));
							insert.setObject(1, row[0]);
							insert.setObject(2, row[1]);
							insert.setObject(3, row[2]);
							insert.setString(4, PythonJson.dumps(meta));
							insert.setObject(5, row[3]);
							insert.setObject(6, row[5]);
							insert.setObject(7, row[5]);
							insert.addBatch();
						}
						insert.executeBatch();
					});
		}
	}

	/** {@code json.loads(content or "{}").get("tags", [])}, with no tags for content that is not an object. */
	private static Object tags(String content) {
		try {
			Object parsed = PythonJson.parse((content == null || content.isEmpty()) ? "{}" : content);
			if (parsed instanceof Map<?, ?> map) {
				return map.containsKey("tags") ? map.get("tags") : List.of();
			}
		}
		catch (PythonJson.InvalidJsonException ex) {
			// the document keeps its content; the knowledge entry just has no tags
		}
		return List.of();
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		op.dropTable("knowledge");
	}

}
