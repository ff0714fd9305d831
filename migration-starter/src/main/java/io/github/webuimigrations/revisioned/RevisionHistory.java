package io.github.webuimigrations.revisioned;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import liquibase.ChecksumVersion;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.webuimigrations.MigrationException;
import io.github.webuimigrations.MigrationInfo;
import io.github.webuimigrations.MigrationState;
import io.github.webuimigrations.Tier;
import io.github.webuimigrations.database.Failures;
import io.github.webuimigrations.database.Sql;
import io.github.webuimigrations.database.WebuiDatabase;
import io.github.webuimigrations.revisioned.op.RevisionOperations;

/**
 * The revisioned tier's bookkeeping as plain SQL, without starting Liquibase: which revisions
 * Liquibase's history and {@code alembic_version} record, with their checksums, and Liquibase's
 * lock row. Cheap enough for health probes, and no log lines per call.
 *
 * @author webui-migrations
 */
final class RevisionHistory {

	private static final Log logger = LogFactory.getLog(RevisionHistory.class);

	private final WebuiDatabase database;

	/** This version's checksums, by checksum version: computed once, when first compared. */
	private final Map<Integer, Map<String, String>> checksums = new ConcurrentHashMap<>();

	RevisionHistory(WebuiDatabase database) {
		this.database = database;
	}

	/**
	 * Every revision with its state, then what the database records beyond the chain.
	 * @param compareChecksums whether to compare each recorded checksum with this version's
	 * @return the revisions in chain order
	 */
	List<MigrationInfo> info(boolean compareChecksums) {
		try (Connection connection = this.database.connect()) {
			Map<String, Ran> ran = read(connection);
			String alembic = AlembicVersion.read(new RevisionOperations(connection));
			int adoptedUpTo = (alembic != null) ? Revisions.indexOf(alembic) : -1;
			boolean alembicKnownOrAbsent = alembic == null || adoptedUpTo >= 0;
			List<MigrationInfo> infos = new ArrayList<>();
			for (int i = 0; i < Revisions.CHAIN.size(); i++) {
				Revision revision = Revisions.CHAIN.get(i);
				Ran row = ran.remove(revision.id());
				MigrationState state;
				if (row != null && alembicKnownOrAbsent && i > adoptedUpTo) {
					// recorded by us but undone since (alembic_version is behind or empty): pending again
					state = MigrationState.PENDING;
				}
				else if (row != null) {
					state = "MARK_RAN".equals(row.execType()) ? MigrationState.ADOPTED : MigrationState.APPLIED;
				}
				else {
					state = (i <= adoptedUpTo) ? MigrationState.ADOPTED : MigrationState.PENDING;
				}
				infos.add(new MigrationInfo(Tier.REVISIONED, revision.id(), revision.fileName(), state,
						(row != null) ? row.executed() : null, null, (row != null) ? row.checksum() : null,
						compareChecksums && row != null && row.checksum() != null
								&& !row.checksum().equals(checksum(revision.id(), row.checksum()))));
			}
			for (Ran row : ran.values()) {
				infos.add(new MigrationInfo(Tier.REVISIONED, row.id(), "recorded by Liquibase, not in this version",
						MigrationState.UNKNOWN, row.executed(), null, row.checksum(), false));
			}
			if (alembic != null && adoptedUpTo < 0) {
				infos.add(new MigrationInfo(Tier.REVISIONED, alembic, "in alembic_version, not in this version",
						MigrationState.UNKNOWN, null, null, null, false));
			}
			return infos;
		}
		catch (SQLException ex) {
			throw new MigrationException("Cannot read the revisioned tier's history: " + Failures.rootMessage(ex), ex);
		}
	}

	/**
	 * The current revision as {@code alembic_version} records it.
	 * @return the revision id, or {@code null}
	 */
	String current() {
		try (Connection connection = this.database.connect()) {
			return AlembicVersion.read(new RevisionOperations(connection));
		}
		catch (SQLException ex) {
			throw new MigrationException("Cannot read alembic_version: " + Failures.rootMessage(ex), ex);
		}
	}

	/**
	 * Clear Liquibase's lock row if a killed process left it set (Liquibase would otherwise wait
	 * five minutes, then fail, on every start). Only for a caller that holds the migration lock,
	 * which dies with its holder: then no other instance can be inside Liquibase.
	 */
	void releaseStaleLock() {
		try (Connection connection = this.database.connect()) {
			if (!Sql.hasTableIgnoringCase(connection, LiquibaseSession.LOCK_TABLE)) {
				return;
			}
			List<String> holder = Sql.strings(connection,
					"SELECT LOCKEDBY FROM " + LiquibaseSession.LOCK_TABLE + " WHERE ID = 1 AND LOCKED = TRUE");
			if (!holder.isEmpty()) {
				Sql.execute(connection, "UPDATE " + LiquibaseSession.LOCK_TABLE
						+ " SET LOCKED = FALSE, LOCKGRANTED = NULL, LOCKEDBY = NULL WHERE ID = 1");
				if (!connection.getAutoCommit()) {
					connection.commit();
				}
				logger.warn("Released Liquibase's lock left by " + holder.get(0)
						+ ": that process is gone (no instance holds the migration lock)");
			}
		}
		catch (SQLException ex) {
			throw new MigrationException("Cannot release Liquibase's stale lock: " + Failures.rootMessage(ex), ex);
		}
	}

	private static Map<String, Ran> read(Connection connection) throws SQLException {
		Map<String, Ran> ran = new LinkedHashMap<>();
		if (!Sql.hasTableIgnoringCase(connection, LiquibaseSession.HISTORY_TABLE)) {
			return ran;
		}
		try (Statement select = connection.createStatement();
				ResultSet rows = select.executeQuery("SELECT ID, EXECTYPE, DATEEXECUTED, MD5SUM FROM "
						+ LiquibaseSession.HISTORY_TABLE + " ORDER BY ORDEREXECUTED")) {
			while (rows.next()) {
				Timestamp executed = rows.getTimestamp(3);
				ran.put(rows.getString(1), new Ran(rows.getString(1), rows.getString(2),
						(executed != null) ? executed.toInstant() : null, rows.getString(4)));
			}
		}
		return ran;
	}

	/** This version's checksum of a revision's changeSet, in the checksum version of the one recorded. */
	private String checksum(String id, String recorded) {
		int colon = recorded.indexOf(':');
		int version;
		try {
			version = (colon > 0) ? Integer.parseInt(recorded.substring(0, colon)) : ChecksumVersion.latest().getVersion();
		}
		catch (NumberFormatException ex) {
			return null;
		}
		return this.checksums.computeIfAbsent(version, (key) -> {
			ChecksumVersion checksumVersion = ChecksumVersion.enumFromChecksumVersion(key);
			return LiquibaseSession.checksums((checksumVersion != null) ? checksumVersion : ChecksumVersion.latest());
		}).get(id);
	}

	private record Ran(String id, String execType, Instant executed, String checksum) {
	}

}
