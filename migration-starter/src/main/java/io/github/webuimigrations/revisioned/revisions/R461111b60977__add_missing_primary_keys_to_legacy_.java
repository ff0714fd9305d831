package io.github.webuimigrations.revisioned.revisions;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.RevisionOperations;

/**
 * {@code 461111b60977_add_missing_primary_keys_to_legacy_}: the legacy tier's tables get the
 * primary keys peewee never made ({@code pk_<table>}), which makes legacy and fresh databases
 * converge; tables that already have the target key, or lack a target column, are left alone.
 * peewee's unique indexes stay. Upstream's downgrade does nothing; ours drops the keys it added.
 */
public class R461111b60977__add_missing_primary_keys_to_legacy_ extends Revision {

	private static final Log logger = LogFactory.getLog(R461111b60977__add_missing_primary_keys_to_legacy_.class);

	private static final Map<String, List<String>> TARGETS = new LinkedHashMap<>();

	static {
		for (String table : new String[] { "auth", "chat", "chatidtag", "document", "file", "function", "memory", "model",
				"prompt" }) {
			TARGETS.put(table, List.of("id"));
		}
		TARGETS.put("tag", List.of("id", "user_id"));
		TARGETS.put("tool", List.of("id"));
		TARGETS.put("user", List.of("id"));
	}

	/** The file name is cut short; upstream's title is not. */
	@Override
	public String title() {
		return "add missing primary keys to legacy peewee tables";
	}

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		Set<String> tables = op.tableNames();
		for (Map.Entry<String, List<String>> target : TARGETS.entrySet()) {
			String table = target.getKey();
			if (!tables.contains(table) || Set.copyOf(op.primaryKeyColumns(table)).equals(Set.copyOf(target.getValue()))) {
				continue;
			}
			boolean columnsExist = true;
			for (String column : target.getValue()) {
				columnsExist &= op.hasColumn(table, column);
			}
			if (!columnsExist) {
				continue;
			}
			logger.debug("Promoting UNIQUE(id) -> PRIMARY KEY(" + String.join(", ", target.getValue()) + ") for '" + table + "'");
			op.execute("DROP TABLE IF EXISTS " + RevisionOperations.quote("_alembic_tmp_" + table));
			String existing = op.primaryKeyName(table);
			op.batch(table, (batch) -> {
				if (existing != null) {
					batch.dropConstraint(existing);
				}
				batch.dropSqlitePrimaryKey().createPrimaryKey("pk_" + table, target.getValue().toArray(String[]::new));
			});
		}
	}

	/** On SQLite the new primary key of {@code chat} is a rebuild of the table, which a pass makes anyway. */
	@Override
	public ChatRewriteRole chatRewriteRole(RevisionOperations op) {
		return ChatRewriteRole.MEMBER;
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		Set<String> tables = op.tableNames();
		for (String table : TARGETS.keySet()) {
			if (tables.contains(table) && ("pk_" + table).equals(op.primaryKeyName(table))) {
				op.batch(table, (batch) -> batch.dropConstraint("pk_" + table).dropSqlitePrimaryKey());
			}
		}
	}

}
