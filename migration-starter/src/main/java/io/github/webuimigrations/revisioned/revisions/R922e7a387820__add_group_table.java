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
 * {@code 922e7a387820_add_group_table}: the {@code group} table; {@code access_control} on
 * model, knowledge, prompt and tool; {@code model.is_active} (existing models become active).
 * Each step only if missing.
 */
public class R922e7a387820__add_group_table extends Revision {

	private static final String[] ACCESS_CONTROLLED = { "knowledge", "prompt", "tool" };

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (!op.hasTable("group")) {
			op.createTable(TableDefinition.named("group")
				.column(Column.of("id", TEXT).notNull())
				.column("user_id", TEXT)
				.column("name", TEXT)
				.column("description", TEXT)
				.column("data", JSON)
				.column("meta", JSON)
				.column("permissions", JSON)
				.column("user_ids", JSON)
				.column("created_at", BIG_INTEGER)
				.column("updated_at", BIG_INTEGER)
				.primaryKey("id")
				.unique("id"));
		}
		if (!op.hasColumn("model", "access_control")) {
			op.addColumn("model", Column.of("access_control", JSON));
		}
		if (!op.hasColumn("model", "is_active")) {
			op.addColumn("model", Column.of("is_active", BOOLEAN).notNull().withDefault(Column.ServerDefault.TRUE));
		}
		for (String table : ACCESS_CONTROLLED) {
			if (!op.hasColumn(table, "access_control")) {
				op.addColumn(table, Column.of("access_control", JSON));
			}
		}
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		op.dropTable("group");
		op.dropColumn("model", "access_control");
		op.dropColumn("model", "is_active");
		for (String table : ACCESS_CONTROLLED) {
			op.dropColumn(table, "access_control");
		}
	}

}
