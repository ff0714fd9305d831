package io.github.webuimigrations.revisioned.revisions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import io.github.webuimigrations.PreflightFindings;
import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.RevisionOperations;

/**
 * {@code f0bd01a18a3d_add_unique_normalized_user_email_index}: a unique index on
 * {@code lower(email)}. Before changing anything it lists the emails that differ only in case,
 * as upstream does, and stops: merging users is a decision for a person.
 */
public class Rf0bd01a18a3d__add_unique_normalized_user_email_index extends Revision {

	static final String INDEX = "uq_user_email_lower";

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		// SQLite's inspector (and so upstream) does not see expression indexes; look it up by name
		if (hasIndex(op)) {
			return;
		}
		List<String> duplicates = op.strings("SELECT lower(email) || ' (x' || count(*) || ')' FROM \"user\" "
				+ "WHERE email IS NOT NULL GROUP BY lower(email) HAVING count(*) > 1 ORDER BY lower(email)");
		if (!duplicates.isEmpty()) {
			throw new SQLException("Cannot add unique normalized user email index because duplicate emails exist: "
					+ String.join(", ", duplicates) + ". Merge or remove the duplicate users and rerun migrations.");
		}
		op.execute("CREATE UNIQUE INDEX " + INDEX + " ON \"user\" (lower(email)) WHERE email IS NOT NULL");
	}

	@Override
	public void blockers(RevisionOperations op, PreflightFindings findings) throws SQLException {
		if (!op.hasTable("user") || hasIndex(op)) {
			return;
		}
		try (Statement select = op.connection().createStatement();
				ResultSet rows = select.executeQuery("SELECT id, email FROM \"user\" WHERE lower(email) IN (SELECT lower(email) "
						+ "FROM \"user\" WHERE email IS NOT NULL GROUP BY lower(email) HAVING count(*) > 1) "
						+ "ORDER BY lower(email), id")) {
			while (rows.next()) {
				findings.blocks("user", rows.getString(1), "email " + rows.getString(2)
						+ " differs from another user's only in case; merge or remove the duplicate users");
			}
		}
	}

	private static boolean hasIndex(RevisionOperations op) throws SQLException {
		return !(op.isSqlite() ? op.strings("SELECT name FROM sqlite_master WHERE type = 'index' AND name = ?", INDEX)
				: op.strings("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND indexname = ?", INDEX))
			.isEmpty();
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		// by name: upstream's inspector-based downgrade misses it on SQLite and a re-upgrade then fails
		if (hasIndex(op)) {
			op.dropIndex(INDEX);
		}
	}

}
