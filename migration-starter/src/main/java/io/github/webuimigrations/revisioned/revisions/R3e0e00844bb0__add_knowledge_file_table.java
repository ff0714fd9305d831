package io.github.webuimigrations.revisioned.revisions;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * {@code 3e0e00844bb0_add_knowledge_file_table}: unless {@code knowledge_file} exists, create
 * it, turn each knowledge's {@code data.file_ids} into rows (ids of files that exist), and drop
 * {@code knowledge.data}. Upstream stops the upgrade on a file id listed twice; we link it once
 * (docs/deviations.md).
 */
public class R3e0e00844bb0__add_knowledge_file_table extends Revision {

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (op.hasTable("knowledge_file")) {
			return;
		}
		op.createTable(TableDefinition.named("knowledge_file")
			.column("id", TEXT)
			.column(Column.of("user_id", TEXT).notNull())
			.column(Column.of("knowledge_id", TEXT).notNull())
			.column(Column.of("file_id", TEXT).notNull())
			.column(Column.of("created_at", BIG_INTEGER).notNull())
			.column(Column.of("updated_at", BIG_INTEGER).notNull())
			.primaryKey("id")
			.foreignKey("FOREIGN KEY(knowledge_id) REFERENCES knowledge (id) ON DELETE CASCADE")
			.foreignKey("FOREIGN KEY(file_id) REFERENCES file (id) ON DELETE CASCADE")
			.uniqueNamed("uq_knowledge_file_knowledge_file", "knowledge_id", "file_id"));
		op.createIndex("ix_knowledge_file_knowledge_id", "knowledge_file", false, "knowledge_id");
		op.createIndex("ix_knowledge_file_file_id", "knowledge_file", false, "file_id");
		op.createIndex("ix_knowledge_file_user_id", "knowledge_file", false, "user_id");
		if (!op.hasColumn("knowledge", "data")) {
			return;
		}
		linkFiles(op);
		op.batch("knowledge", (batch) -> batch.dropColumn("data"));
	}

	/**
	 * Upstream's guard skips the whole revision once {@code knowledge_file} exists: after a
	 * failed first run (a file listed twice) it stays empty and {@code knowledge.data} keeps
	 * the file ids. The trace is those file ids in {@code knowledge.data}: a run that completes
	 * drops the column, {@code 81cc2ce44d79} adds it back empty, and open-webui writes no file
	 * ids there since. Knowledge bases a user left without files have an empty
	 * {@code knowledge_file} too, but no file ids in {@code data}, so they are never taken for this.
	 */
	@Override
	public HalfApplied halfApplied(RevisionOperations op) throws SQLException {
		if (!op.hasTable("knowledge_file") || !op.hasColumn("knowledge", "data")
				|| !op.strings("SELECT id FROM knowledge_file LIMIT 1").isEmpty()) {
			return null;
		}
		List<String> listing = new ArrayList<>();
		KeysetScan.forEachPage(op, "knowledge", "id", List.of("data"), "data IS NOT NULL", (rows) -> {
			for (Object[] row : rows) {
				if (!fileIds(row[1]).isEmpty()) {
					listing.add((String) row[0]);
				}
			}
		});
		return listing.isEmpty() ? null
				: new HalfApplied("knowledge_file is empty but the " + Evidence.some(listing, "knowledge entry")
						+ " list their files in knowledge.data", "file ids in knowledge.data (a completed 3e0e00844bb0 "
								+ "moves them to knowledge_file)",
						"links each existing file once and empties knowledge.data, as a run that never failed leaves it");
	}

	@Override
	public void completeHalfApplied(RevisionOperations op, boolean asked) throws SQLException {
		linkFiles(op);
		// a run that never failed dropped the column, and 81cc2ce44d79 added it back empty, at the end
		op.batch("knowledge", (batch) -> batch.dropColumn("data"));
		op.batch("knowledge", (batch) -> batch.addColumn(Column.of("data", JSON)));
	}

	/** Each existing file a knowledge's {@code data.file_ids} lists becomes one knowledge_file row. */
	private static void linkFiles(RevisionOperations op) throws SQLException {
		long now = System.currentTimeMillis() / 1000;
		try (PreparedStatement fileExists = op.connection().prepareStatement("SELECT 1 FROM file WHERE id = ?");
				PreparedStatement insert = op.connection().prepareStatement("INSERT INTO knowledge_file "
						+ "(id, user_id, knowledge_id, file_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
			KeysetScan.forEachPage(op, "knowledge", "id", List.of("user_id", "data"), (rows) -> {
				for (Object[] row : rows) {
					for (String fileId : fileIds(row[2])) {
						fileExists.setString(1, fileId);
						try (ResultSet found = fileExists.executeQuery()) {
							if (!found.next()) {
								continue;
							}
						}
						insert.setString(1, UUID.randomUUID().toString());
						insert.setObject(2, row[1]);
						insert.setObject(3, row[0]);
						insert.setString(4, fileId);
						insert.setLong(5, now);
						insert.setLong(6, now);
						insert.addBatch();
					}
				}
				insert.executeBatch();
			});
		}
	}

	/** {@code data.file_ids} as upstream reads it (a dict, or a string holding one), each id once. */
	private static Set<String> fileIds(Object data) {
		Set<String> ids = new LinkedHashSet<>();
		if (data == null) {
			return ids;
		}
		try {
			Object parsed = PythonJson.parse(data.toString());
			if (parsed instanceof String text) {
				parsed = PythonJson.parse(text);
			}
			if (parsed instanceof Map<?, ?> map && map.get("file_ids") instanceof List<?> list) {
				list.forEach((id) -> ids.add(String.valueOf(id)));
			}
		}
		catch (PythonJson.InvalidJsonException ex) {
			// skipped, as upstream skips it
		}
		return ids;
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		op.addColumn("knowledge", Column.of("data", JSON));
		try (PreparedStatement files = op.connection()
			.prepareStatement("SELECT file_id FROM knowledge_file WHERE knowledge_id = ? ORDER BY created_at, file_id");
				PreparedStatement update = op.connection()
					.prepareStatement("UPDATE knowledge SET data = " + op.jsonPlaceholder() + " WHERE id = ?")) {
			KeysetScan.forEachPage(op, "knowledge", "id", List.of(), (rows) -> {
				for (Object[] row : rows) {
					List<String> ids = new ArrayList<>();
					files.setObject(1, row[0]);
					try (ResultSet result = files.executeQuery()) {
						while (result.next()) {
							ids.add(result.getString(1));
						}
					}
					Map<String, Object> data = new LinkedHashMap<>();
					data.put("file_ids", ids);
					update.setString(1, PythonJson.dumps(data));
					update.setObject(2, row[0]);
					update.addBatch();
				}
				update.executeBatch();
			});
		}
		op.dropTable("knowledge_file");
	}

}
