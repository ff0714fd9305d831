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
 * {@code 9f0c9cd09105_add_note_table}: the {@code note} table, if missing.
 */
public class R9f0c9cd09105__add_note_table extends Revision {

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (!op.hasTable("note")) {
			op.createTable(TableDefinition.named("note")
				.column(Column.of("id", TEXT).notNull())
				.column("user_id", TEXT)
				.column("title", TEXT)
				.column("data", JSON)
				.column("meta", JSON)
				.column("access_control", JSON)
				.column("created_at", BIG_INTEGER)
				.column("updated_at", BIG_INTEGER)
				.primaryKey("id")
				.unique("id"));
		}
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		op.dropTable("note");
	}

}
