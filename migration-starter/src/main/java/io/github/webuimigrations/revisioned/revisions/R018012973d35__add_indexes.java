package io.github.webuimigrations.revisioned.revisions;

import java.sql.SQLException;
import java.util.List;

import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.RevisionOperations;

/**
 * {@code 018012973d35_add_indexes}: indexes on chat, tag and function, each only if the table
 * has no index of that name ({@code is_global_idx} only if the column exists). The names are
 * upstream's generic, schema-global ones.
 */
public class R018012973d35__add_indexes extends Revision {

	private record Index(String name, String table, List<String> columns) {
	}

	private static final List<Index> INDEXES = List.of(new Index("folder_id_idx", "chat", List.of("folder_id")),
			new Index("user_id_pinned_idx", "chat", List.of("user_id", "pinned")),
			new Index("user_id_archived_idx", "chat", List.of("user_id", "archived")),
			new Index("updated_at_user_id_idx", "chat", List.of("updated_at", "user_id")),
			new Index("folder_id_user_id_idx", "chat", List.of("folder_id", "user_id")),
			new Index("user_id_idx", "tag", List.of("user_id")),
			new Index("is_global_idx", "function", List.of("is_global")));

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		for (Index index : INDEXES) {
			boolean columnsExist = true;
			for (String column : index.columns()) {
				columnsExist &= op.hasColumn(index.table(), column);
			}
			if (columnsExist && !op.hasIndex(index.table(), index.name())) {
				op.createIndex(index.name(), index.table(), false, index.columns().toArray(String[]::new));
			}
		}
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		for (Index index : INDEXES) {
			// upstream fails here when is_global_idx was never created; we drop what exists
			if (op.hasIndex(index.table(), index.name())) {
				op.dropIndex(index.name());
			}
		}
	}

}
