package io.github.webuimigrations.revisioned.revisions;

import java.sql.SQLException;

import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.RevisionOperations;
import io.github.webuimigrations.revisioned.op.TableDefinition;

import static io.github.webuimigrations.revisioned.op.ColumnType.BIG_INTEGER;
import static io.github.webuimigrations.revisioned.op.ColumnType.JSON;
import static io.github.webuimigrations.revisioned.op.ColumnType.TEXT;

/**
 * {@code af906e964978_add_feedback_table}: the {@code feedback} table, if missing.
 */
public class Raf906e964978__add_feedback_table extends Revision {

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (!op.hasTable("feedback")) {
			op.createTable(TableDefinition.named("feedback")
				.column("id", TEXT)
				.column("user_id", TEXT)
				.column("version", BIG_INTEGER)
				.column("type", TEXT)
				.column("data", JSON)
				.column("meta", JSON)
				.column("snapshot", JSON)
				.column(Column.of("created_at", BIG_INTEGER).notNull())
				.column(Column.of("updated_at", BIG_INTEGER).notNull())
				.primaryKey("id"));
		}
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		op.dropTable("feedback");
	}

}
