package io.github.webuimigrations.revisioned.revisions;

import java.sql.SQLException;

import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.RevisionOperations;
import io.github.webuimigrations.revisioned.op.TableDefinition;

import static io.github.webuimigrations.revisioned.op.Column.ServerDefault.NOW;
import static io.github.webuimigrations.revisioned.op.ColumnType.DATE_TIME;
import static io.github.webuimigrations.revisioned.op.ColumnType.INTEGER;
import static io.github.webuimigrations.revisioned.op.ColumnType.JSON;

/**
 * {@code ca81bd47c050_add_config_table}: the {@code config} table (one JSON blob row), if
 * missing.
 */
public class Rca81bd47c050__add_config_table extends Revision {

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (!op.hasTable("config")) {
			op.createTable(TableDefinition.named("config")
				.column("id", INTEGER)
				.column(Column.of("data", JSON).notNull())
				.column(Column.of("version", INTEGER).notNull())
				.column(Column.of("created_at", DATE_TIME).notNull().withDefault(NOW))
				.column(Column.of("updated_at", DATE_TIME).withDefault(NOW))
				.autoincrementPrimaryKey("id"));
		}
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		op.dropTable("config");
	}

}
