package io.github.webuimigrations.revisioned.revisions;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import io.github.webuimigrations.json.PythonJson;
import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.KeysetScan;
import io.github.webuimigrations.revisioned.op.RevisionOperations;

import static io.github.webuimigrations.revisioned.op.ColumnType.JSON;
import static io.github.webuimigrations.revisioned.op.ColumnType.TEXT;

/**
 * {@code c29facfe716b_update_file_table_path}: {@code file.path}; {@code file.meta} becomes a
 * nullable JSON column; {@code path} is filled from {@code meta.path}. Upstream's PostgreSQL
 * cast fails on meta text that is not JSON, and a meta of JSON {@code null} crashes the
 * backfill; we keep such text as {@code {"legacy_unparsed_meta": text}} and skip the null.
 * On SQLite upstream's failed rebuild leaves an empty {@code _alembic_tmp_file} behind, and every
 * later start fails on it: that table is its own trace (open-webui creates {@code _alembic_tmp_*}
 * tables only inside a rebuild), so it is dropped before this revision runs again
 * ({@code HalfAppliedRevisions}); one with rows blocks instead.
 */
public class Rc29facfe716b__update_file_table_path extends Revision {

	/** Key under which meta text that is not JSON is kept. */
	public static final String UNPARSED = "legacy_unparsed_meta";

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (!op.hasColumn("file", "path")) {
			op.addColumn("file", Column.of("path", TEXT));
		}
		if (!op.isSqlite() && op.columns("file").stream().anyMatch((c) -> c.name().equals("meta") && c.isText())) {
			keepUnparsableMeta(op);
		}
		op.batch("file", (batch) -> batch.alterColumn("meta", JSON, "meta::json", true, false));
		try (PreparedStatement update = op.connection().prepareStatement("UPDATE file SET path = ? WHERE id = ?")) {
			KeysetScan.forEachPage(op, "file", "id", List.of("path", "meta"), (rows) -> {
				for (Object[] row : rows) {
					if (row[1] != null || row[2] == null) {
						continue;
					}
					Object meta = parse(row[2].toString());
					// "path": null leaves file.path SQL NULL, as upstream's None does
					if (meta instanceof Map<?, ?> map && map.get("path") != null) {
						Object path = map.get("path");
						update.setString(1, (path instanceof String text) ? text : PythonJson.dumps(path));
						update.setObject(2, row[0]);
						update.addBatch();
					}
				}
				update.executeBatch();
			});
		}
	}

	private static void keepUnparsableMeta(RevisionOperations op) throws SQLException {
		try (PreparedStatement update = op.connection().prepareStatement("UPDATE file SET meta = ? WHERE id = ?")) {
			KeysetScan.forEachPage(op, "file", "id", List.of("meta"), (rows) -> {
				for (Object[] row : rows) {
					String meta = (String) row[1];
					if (meta != null && !acceptedByPostgresql(meta)) {
						update.setString(1, PythonJson.dumps(Map.of(UNPARSED, meta)));
						update.setObject(2, row[0]);
						update.addBatch();
					}
				}
				update.executeBatch();
			});
		}
	}

	private static boolean acceptedByPostgresql(String text) {
		try {
			return PythonJson.isFinite(PythonJson.parse(text));
		}
		catch (PythonJson.InvalidJsonException ex) {
			return false;
		}
	}

	private static Object parse(String text) {
		try {
			return PythonJson.parse(text);
		}
		catch (PythonJson.InvalidJsonException ex) {
			return null;
		}
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		op.dropColumn("file", "path");
		// peewee made file.meta NOT NULL (legacy migration 014); upstream's downgrade forgets it
		Boolean nullable = (op.legacyMigrationsApplied() >= 14) ? Boolean.FALSE : null;
		op.batch("file", (batch) -> batch.alterColumn("meta", TEXT, null, nullable, false));
	}

}
