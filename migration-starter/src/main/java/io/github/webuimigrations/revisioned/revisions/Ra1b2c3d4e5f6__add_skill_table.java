package io.github.webuimigrations.revisioned.revisions;

import java.sql.SQLException;

import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.RevisionOperations;
import io.github.webuimigrations.revisioned.op.TableDefinition;

import static io.github.webuimigrations.revisioned.op.ColumnType.BIG_INTEGER;
import static io.github.webuimigrations.revisioned.op.ColumnType.BOOLEAN;
import static io.github.webuimigrations.revisioned.op.ColumnType.JSON;
import static io.github.webuimigrations.revisioned.op.ColumnType.STRING;
import static io.github.webuimigrations.revisioned.op.ColumnType.TEXT;

/**
 * {@code a1b2c3d4e5f6_add_skill_table}: the {@code skill} table and its two indexes, if missing.
 */
public class Ra1b2c3d4e5f6__add_skill_table extends Revision {

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (op.hasTable("skill")) {
			return;
		}
		op.createTable(TableDefinition.named("skill")
			.column("id", STRING)
			.column(Column.of("user_id", STRING).notNull())
			.column(Column.of("name", TEXT).notNull())
			.column("description", TEXT)
			.column(Column.of("content", TEXT).notNull())
			.column("meta", JSON)
			.column(Column.of("is_active", BOOLEAN).notNull())
			.column(Column.of("updated_at", BIG_INTEGER).notNull())
			.column(Column.of("created_at", BIG_INTEGER).notNull())
			.primaryKey("id")
			.unique("name"));
		op.createIndex("idx_skill_user_id", "skill", false, "user_id");
		op.createIndex("idx_skill_updated_at", "skill", false, "updated_at");
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		op.dropIndex("idx_skill_updated_at");
		op.dropIndex("idx_skill_user_id");
		op.dropTable("skill");
	}

}
