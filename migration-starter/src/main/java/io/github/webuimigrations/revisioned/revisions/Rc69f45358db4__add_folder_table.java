package io.github.webuimigrations.revisioned.revisions;

import java.sql.SQLException;

import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.RevisionOperations;
import io.github.webuimigrations.revisioned.op.TableDefinition;

import static io.github.webuimigrations.revisioned.op.ColumnType.BOOLEAN;
import static io.github.webuimigrations.revisioned.op.ColumnType.DATE_TIME;
import static io.github.webuimigrations.revisioned.op.ColumnType.JSON;
import static io.github.webuimigrations.revisioned.op.ColumnType.TEXT;

/**
 * {@code c69f45358db4_add_folder_table}: the {@code folder} table (primary key id + user_id)
 * and {@code chat.folder_id}, each if missing.
 */
public class Rc69f45358db4__add_folder_table extends Revision {

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (!op.hasTable("folder")) {
			op.createTable(TableDefinition.named("folder")
				.column(Column.of("id", TEXT).notNull())
				.column("parent_id", TEXT)
				.column(Column.of("user_id", TEXT).notNull())
				.column(Column.of("name", TEXT).notNull())
				.column("items", JSON)
				.column("meta", JSON)
				.column(Column.of("is_expanded", BOOLEAN).notNull())
				.column(Column.of("created_at", DATE_TIME).notNull().withDefault(Column.ServerDefault.NOW))
				.column(Column.of("updated_at", DATE_TIME).notNull().withDefault(Column.ServerDefault.NOW))
				.primaryKey("id", "user_id"));
		}
		if (!op.hasColumn("chat", "folder_id")) {
			op.addColumn("chat", Column.of("folder_id", TEXT));
		}
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		op.dropColumn("chat", "folder_id");
		op.dropTable("folder");
	}

}
