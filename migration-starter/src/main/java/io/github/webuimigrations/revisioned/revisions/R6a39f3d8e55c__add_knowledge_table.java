package io.github.webuimigrations.revisioned.revisions;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.webuimigrations.json.PythonJson;
import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.Evidence;
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
	 * first run no document ever became knowledge. That state, documents and no legacy
	 * knowledge entry, is also what an owner leaves who deleted the knowledge bases this
	 * revision made from their documents (open-webui never deletes {@code document} rows). The
	 * trace only the failure leaves is the document upstream's copy stopped on, whose content
	 * it cannot read (not JSON, or JSON but not an object): a run that completed read every
	 * document, and open-webui writes no documents since. With it the documents are copied
	 * automatically, owner-only; without it they are reported, and copied, with the public read
	 * grant open-webui would have given them, only when the repair is asked for.
	 */
	@Override
	public HalfApplied halfApplied(RevisionOperations op) throws SQLException {
		if (!op.hasTable("knowledge") || !op.hasTable("document") || op.strings("SELECT 1 FROM document LIMIT 1").isEmpty()
				|| !op.strings("SELECT 1 FROM document WHERE collection_name IN (SELECT id FROM knowledge) LIMIT 1")
					.isEmpty()) {
			return null;
		}
		List<String> documents = op.strings("SELECT collection_name FROM document ORDER BY collection_name");
		List<String> unreadable = new ArrayList<>();
		KeysetScan.forEachPage(op, "document", "collection_name", List.of("content"), (rows) -> {
			for (Object[] row : rows) {
				if (!readableByUpstream((String) row[1])) {
					unreadable.add((String) row[0]);
				}
			}
		});
		return new HalfApplied(Evidence.some(documents, "document") + " have no knowledge entry",
				unreadable.isEmpty() ? null : Evidence.some(unreadable, "document")
						+ " whose content open-webui's copy cannot read (it stopped there)",
				"copies each document into knowledge (owner-only unless the repair is asked for; asked for, with the "
						+ "public read grant open-webui gives legacy knowledge)");
	}

	@Override
	public void completeHalfApplied(RevisionOperations op, boolean asked) throws SQLException {
		List<String> recovered = op.strings("SELECT collection_name FROM document WHERE collection_name NOT IN "
				+ "(SELECT id FROM knowledge) ORDER BY collection_name");
		copyDocuments(op);
		if (op.hasColumn("knowledge", "access_control")) {
			// NULL is what a run that never failed leaves: public, once f1e2d3c4b5a6 makes grants of it
			if (!asked) {
				for (String id : recovered) {
					op.execute("UPDATE knowledge SET access_control = " + op.jsonPlaceholder() + " WHERE id = ?", "{}", id);
				}
			}
		}
		else if (asked && op.hasTable("access_grant")) {
			// later revisions gave these entries access_control NULL, then f1e2d3c4b5a6 a public read grant
			long now = System.currentTimeMillis() / 1000;
			for (String id : recovered) {
				op.execute("INSERT INTO access_grant (id, resource_type, resource_id, principal_type, principal_id, "
						+ "permission, created_at) VALUES (?, 'knowledge', ?, 'user', '*', 'read', ?) ON CONFLICT DO NOTHING",
						UUID.randomUUID().toString(), id, now);
			}
		}
	}

	/** Whether upstream's {@code json.loads(content or "{}").get("tags", [])} reads the content. */
	private static boolean readableByUpstream(String content) {
		try {
			return PythonJson.parse((content == null || content.isEmpty()) ? "{}" : content) instanceof Map;
		}
		catch (PythonJson.InvalidJsonException ex) {
			return false;
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
