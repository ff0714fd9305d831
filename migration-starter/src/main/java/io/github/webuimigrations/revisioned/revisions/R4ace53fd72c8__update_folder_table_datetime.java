package io.github.webuimigrations.revisioned.revisions;

import java.sql.SQLException;

import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.RevisionOperations;

import static io.github.webuimigrations.revisioned.op.ColumnType.BIG_INTEGER;
import static io.github.webuimigrations.revisioned.op.ColumnType.DATE_TIME;

/**
 * {@code 4ace53fd72c8_update_folder_table_datetime}: {@code folder.created_at} and
 * {@code updated_at} from DateTime to BigInteger epoch seconds, without server defaults.
 * Upstream's SQLite copy casts {@code '2026-11-25 16:57:42'} to {@code 2026}, the year; ours
 * converts to the epoch seconds PostgreSQL gets (docs/deviations.md).
 */
public class R4ace53fd72c8__update_folder_table_datetime extends Revision {

	private static final String[] COLUMNS = { "created_at", "updated_at" };

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		boolean dateTime = op.columns("folder")
			.stream()
			.anyMatch((c) -> c.name().equals("created_at") && !c.type().toUpperCase().contains("INT"));
		if (!dateTime) {
			return;
		}
		op.batch("folder", (batch) -> {
			for (String column : COLUMNS) {
				batch.alterColumn(column, BIG_INTEGER, "extract(epoch from " + column + ")::bigint",
						"COALESCE(CAST(strftime('%s', " + column + ") AS INTEGER), CAST(" + column + " AS BIGINT))",
						false, true, null);
			}
		});
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		op.batch("folder", (batch) -> {
			for (String column : COLUMNS) {
				batch.alterColumn(column, DATE_TIME, "to_timestamp(" + column + ") AT TIME ZONE 'UTC'",
						"datetime(" + column + ", 'unixepoch')", false, false, Column.ServerDefault.NOW);
			}
		});
	}

}
