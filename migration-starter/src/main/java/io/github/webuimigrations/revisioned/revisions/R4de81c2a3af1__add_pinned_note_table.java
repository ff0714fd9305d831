package io.github.webuimigrations.revisioned.revisions;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.KeysetScan;
import io.github.webuimigrations.revisioned.op.RevisionOperations;
import io.github.webuimigrations.revisioned.op.TableDefinition;

import static io.github.webuimigrations.revisioned.op.ColumnType.BIG_INTEGER;
import static io.github.webuimigrations.revisioned.op.ColumnType.BOOLEAN;
import static io.github.webuimigrations.revisioned.op.ColumnType.TEXT;

/**
 * {@code 4de81c2a3af1_add_pinned_note_table}: unless {@code pinned_note} exists, create it, pin
 * each note flagged {@code is_pinned} for its owner ({@code created_at} in nanoseconds, as
 * upstream writes it), and drop {@code note.is_pinned}. The downgrade folds per-user pins back
 * into one flag, so it is refused while someone other than a note's owner has pinned it.
 */
public class R4de81c2a3af1__add_pinned_note_table extends Revision {

	private static final Log logger = LogFactory.getLog(R4de81c2a3af1__add_pinned_note_table.class);

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (op.hasTable("pinned_note")) {
			return;
		}
		op.createTable(TableDefinition.named("pinned_note")
			.column("id", TEXT)
			.column(Column.of("user_id", TEXT).notNull())
			.column(Column.of("note_id", TEXT).notNull())
			.column(Column.of("created_at", BIG_INTEGER).notNull())
			.primaryKey("id")
			.foreignKey("FOREIGN KEY(note_id) REFERENCES note (id) ON DELETE CASCADE")
			.uniqueNamed("uq_pinned_note", "user_id", "note_id"));
		if (!op.hasColumn("note", "is_pinned")) {
			return;
		}
		long nanos = System.currentTimeMillis() * 1_000_000L;
		try (PreparedStatement insert = op.connection()
			.prepareStatement("INSERT INTO pinned_note (id, user_id, note_id, created_at) VALUES (?, ?, ?, ?)")) {
			KeysetScan.forEachPage(op, "note", "id", List.of("user_id"), "is_pinned = " + (op.isSqlite() ? "1" : "true"),
					(rows) -> {
						for (Object[] row : rows) {
							if (row[1] == null) {
								logger.warn("Note " + row[0] + " is pinned but has no owner: no pin kept (open-webui stops here)");
								continue;
							}
							insert.setString(1, UUID.randomUUID().toString());
							insert.setObject(2, row[1]);
							insert.setObject(3, row[0]);
							insert.setLong(4, nanos);
							insert.addBatch();
						}
						insert.executeBatch();
					});
		}
		op.batch("note", (batch) -> batch.dropColumn("is_pinned"));
	}

	@Override
	public String downgradeRefusal(RevisionOperations op) throws SQLException {
		if (!op.strings("SELECT p.id FROM pinned_note p JOIN note n ON n.id = p.note_id "
				+ "WHERE n.user_id IS NULL OR p.user_id <> n.user_id LIMIT 1").isEmpty()) {
			return "4de81c2a3af1_add_pinned_note_table cannot be downgraded: some notes are pinned by users other than "
					+ "their owner, which note.is_pinned cannot hold";
		}
		return null;
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		op.addColumn("note", Column.of("is_pinned", BOOLEAN));
		op.execute("UPDATE note SET is_pinned = ? WHERE id IN (SELECT note_id FROM pinned_note)", true);
		op.dropTable("pinned_note");
	}

}
