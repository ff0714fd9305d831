package io.github.webuimigrations.revisioned;

import java.sql.SQLException;
import java.util.List;

import io.github.webuimigrations.revisioned.op.RevisionOperations;

/**
 * Alembic's bookkeeping table, {@code alembic_version}, kept in step after every revision so
 * that open-webui and Alembic read the same state: one row holding the current revision.
 *
 * @author webui-migrations
 */
public final class AlembicVersion {

	/** The table name Alembic uses. */
	public static final String TABLE = "alembic_version";

	private AlembicVersion() {
	}

	/**
	 * The current revision, or {@code null} when there is none (or no table).
	 * @param operations the operations of a connection
	 * @return the revision id
	 * @throws SQLException on a database error
	 */
	public static String read(RevisionOperations operations) throws SQLException {
		if (!operations.hasTable(TABLE)) {
			return null;
		}
		List<String> versions = operations.strings("SELECT version_num FROM alembic_version");
		if (versions.size() > 1) {
			throw new SQLException("alembic_version holds several revisions " + versions
					+ ": open-webui's chain is linear and has one head");
		}
		return versions.isEmpty() ? null : versions.get(0);
	}

	/**
	 * Record that the database is now at {@code revision} ({@code null}: before the first).
	 * @param operations the operations of the revision's connection
	 * @param revision the new current revision, or {@code null}
	 * @throws SQLException on a database error
	 */
	static void write(RevisionOperations operations, String revision) throws SQLException {
		if (!operations.hasTable(TABLE)) {
			operations.execute("CREATE TABLE alembic_version (\n\tversion_num VARCHAR(32) NOT NULL, \n\t"
					+ "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)\n)");
		}
		operations.execute("DELETE FROM alembic_version");
		if (revision != null) {
			operations.execute("INSERT INTO alembic_version (version_num) VALUES (?)", revision);
		}
	}

}
