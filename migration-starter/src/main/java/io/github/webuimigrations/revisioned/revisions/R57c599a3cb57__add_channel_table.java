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
 * {@code 57c599a3cb57_add_channel_table}: the {@code channel} and {@code message} tables,
 * each if missing.
 */
public class R57c599a3cb57__add_channel_table extends Revision {

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (!op.hasTable("channel")) {
			op.createTable(TableDefinition.named("channel")
				.column(Column.of("id", TEXT).notNull())
				.column("user_id", TEXT)
				.column("name", TEXT)
				.column("description", TEXT)
				.column("data", JSON)
				.column("meta", JSON)
				.column("access_control", JSON)
				.column("created_at", BIG_INTEGER)
				.column("updated_at", BIG_INTEGER)
				.primaryKey("id")
				.unique("id"));
		}
		if (!op.hasTable("message")) {
			op.createTable(TableDefinition.named("message")
				.column(Column.of("id", TEXT).notNull())
				.column("user_id", TEXT)
				.column("channel_id", TEXT)
				.column("content", TEXT)
				.column("data", JSON)
				.column("meta", JSON)
				.column("created_at", BIG_INTEGER)
				.column("updated_at", BIG_INTEGER)
				.primaryKey("id")
				.unique("id"));
		}
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		op.dropTable("channel");
		op.dropTable("message");
	}

}
