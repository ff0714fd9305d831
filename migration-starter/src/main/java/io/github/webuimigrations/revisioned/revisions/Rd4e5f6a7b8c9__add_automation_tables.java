package io.github.webuimigrations.revisioned.revisions;

import java.sql.SQLException;

import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.RevisionOperations;
import io.github.webuimigrations.revisioned.op.TableDefinition;

import static io.github.webuimigrations.revisioned.op.ColumnType.BIG_INTEGER;
import static io.github.webuimigrations.revisioned.op.ColumnType.BOOLEAN;
import static io.github.webuimigrations.revisioned.op.ColumnType.JSON;
import static io.github.webuimigrations.revisioned.op.ColumnType.TEXT;

/**
 * {@code d4e5f6a7b8c9_add_automation_tables}: the {@code automation} and
 * {@code automation_run} tables and their indexes, each if missing. (Its docstring says it
 * revises f1e2d3c4b5a6; its down_revision, which counts, is a3dd5bedd151.)
 */
public class Rd4e5f6a7b8c9__add_automation_tables extends Revision {

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (!op.hasTable("automation")) {
			op.createTable(TableDefinition.named("automation")
				.column("id", TEXT)
				.column(Column.of("user_id", TEXT).notNull())
				.column(Column.of("name", TEXT).notNull())
				.column(Column.of("data", JSON).notNull())
				.column("meta", JSON)
				.column(Column.of("is_active", BOOLEAN).notNull())
				.column("last_run_at", BIG_INTEGER)
				.column("next_run_at", BIG_INTEGER)
				.column(Column.of("created_at", BIG_INTEGER).notNull())
				.column(Column.of("updated_at", BIG_INTEGER).notNull())
				.primaryKey("id"));
		}
		if (!op.hasIndex("automation", "ix_automation_next_run")) {
			op.createIndex("ix_automation_next_run", "automation", false, "next_run_at");
		}
		if (!op.hasTable("automation_run")) {
			op.createTable(TableDefinition.named("automation_run")
				.column("id", TEXT)
				.column(Column.of("automation_id", TEXT).notNull())
				.column("chat_id", TEXT)
				.column(Column.of("status", TEXT).notNull())
				.column("error", TEXT)
				.column(Column.of("created_at", BIG_INTEGER).notNull())
				.primaryKey("id"));
		}
		if (!op.hasIndex("automation_run", "ix_automation_run_automation_id")) {
			op.createIndex("ix_automation_run_automation_id", "automation_run", false, "automation_id");
		}
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		op.dropIndex("ix_automation_run_automation_id");
		op.dropIndex("ix_automation_next_run");
		op.dropTable("automation_run");
		op.dropTable("automation");
	}

}
