package io.github.webuimigrations.revisioned.revisions;

import java.sql.SQLException;

import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.ColumnType;
import io.github.webuimigrations.revisioned.op.RevisionOperations;

import static io.github.webuimigrations.revisioned.op.ColumnType.DATE;
import static io.github.webuimigrations.revisioned.op.ColumnType.TEXT;

/**
 * {@code 3af16a1c9fb6_update_user_table}: {@code user.username} (VARCHAR(50)), {@code bio},
 * {@code gender} and {@code date_of_birth}, each if missing.
 */
public class R3af16a1c9fb6__update_user_table extends Revision {

	private static final Column[] COLUMNS = { Column.of("username", ColumnType.string(50)), Column.of("bio", TEXT),
			Column.of("gender", TEXT), Column.of("date_of_birth", DATE) };

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		for (Column column : COLUMNS) {
			if (!op.hasColumn("user", column.name())) {
				op.addColumn("user", column);
			}
		}
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		for (Column column : COLUMNS) {
			op.dropColumn("user", column.name());
		}
	}

}
