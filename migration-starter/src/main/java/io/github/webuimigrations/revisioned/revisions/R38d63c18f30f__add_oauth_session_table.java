package io.github.webuimigrations.revisioned.revisions;

import java.sql.SQLException;
import java.util.Set;

import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.RevisionOperations;
import io.github.webuimigrations.revisioned.op.TableDefinition;

import static io.github.webuimigrations.revisioned.op.ColumnType.BIG_INTEGER;
import static io.github.webuimigrations.revisioned.op.ColumnType.TEXT;

/**
 * {@code 38d63c18f30f_add_oauth_session_table}: the {@code oauth_session} table and its three
 * indexes, each if missing.
 */
public class R38d63c18f30f__add_oauth_session_table extends Revision {

	private static final String[][] INDEXES = { { "idx_oauth_session_user_id", "user_id" },
			{ "idx_oauth_session_expires_at", "expires_at" }, { "idx_oauth_session_user_provider", "user_id", "provider" } };

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		boolean existed = op.hasTable("oauth_session");
		if (!existed) {
			op.createTable(TableDefinition.named("oauth_session")
				.column(Column.of("id", TEXT).notNull())
				.column(Column.of("user_id", TEXT).notNull())
				.column(Column.of("provider", TEXT).notNull())
				.column(Column.of("token", TEXT).notNull())
				.column(Column.of("expires_at", BIG_INTEGER).notNull())
				.column(Column.of("created_at", BIG_INTEGER).notNull())
				.column(Column.of("updated_at", BIG_INTEGER).notNull())
				.primaryKey("id")
				.unique("id")
				.foreignKey("FOREIGN KEY(user_id) REFERENCES \"user\" (id) ON DELETE CASCADE"));
		}
		Set<String> existing = existed ? op.indexNames("oauth_session") : Set.of();
		for (String[] index : INDEXES) {
			if (!existing.contains(index[0])) {
				op.createIndex(index[0], "oauth_session", false,
						java.util.Arrays.copyOfRange(index, 1, index.length));
			}
		}
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		for (String[] index : INDEXES) {
			op.dropIndex(index[0]);
		}
		op.dropTable("oauth_session");
	}

}
