package io.github.webuimigrations.legacy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.zip.CRC32;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import io.github.webuimigrations.PreflightFindings;
import io.github.webuimigrations.database.MigrationLease;

/**
 * One of open-webui's 18 peewee migrations as a Flyway Java migration. The class name is
 * the upstream file name in Flyway's form ({@code V010__migrate_modelfiles_to_models} for
 * {@code 010_migrate_modelfiles_to_models.py}); {@link #upgrade} and {@link #rollback} are
 * upstream's {@code migrate()} and {@code rollback()}. Each runs in one transaction that also
 * writes or deletes its {@code migratehistory} row, so a failure leaves nothing behind.
 *
 * @author webui-migrations
 */
public abstract class LegacyMigration extends BaseJavaMigration {

	/**
	 * Upstream's {@code migrate()}.
	 * @param migrator the peewee operations on the migration's connection
	 * @throws SQLException on a database error
	 */
	protected abstract void upgrade(LegacyMigrator migrator) throws SQLException;

	/**
	 * Upstream's {@code rollback()}.
	 * @param migrator the peewee operations on the rollback's connection
	 * @throws SQLException on a database error
	 */
	protected abstract void rollback(LegacyMigrator migrator) throws SQLException;

	/**
	 * Why this migration cannot be rolled back, or {@code null} if it can.
	 * @return the reason, for the refusal message
	 */
	public String rollbackRefusal() {
		return null;
	}

	/**
	 * Read the rows this migration will transform, before it runs, and report those it
	 * would stop on, here as in open-webui. Changes nothing. Run for every pending migration
	 * before any is applied.
	 * @param connection a connection to the database, at the migration before this one
	 * @param findings where to report
	 * @throws SQLException on a database error
	 */
	public void blockers(Connection connection, PreflightFindings findings) throws SQLException {
	}

	/**
	 * Read the rows this migration will transform, before it runs, and report those that
	 * open-webui would stop on or lose, which this starter migrates and keeps. Changes nothing.
	 * @param connection a connection to the database, at the migration before this one
	 * @param findings where to report
	 * @throws SQLException on a database error
	 */
	public void upstreamOnly(Connection connection, PreflightFindings findings) throws SQLException {
	}

	/**
	 * The upstream file name without {@code .py}, also its {@code migratehistory} name.
	 * @return e.g. {@code 009_add_models}
	 */
	public final String upstreamName() {
		return getClass().getSimpleName().substring(1).replaceFirst("__", "_");
	}

	/**
	 * The migration's number.
	 * @return 1 to 18
	 */
	public final int number() {
		return Integer.parseInt(upstreamName().substring(0, 3));
	}

	/**
	 * The version of this migration's Java code: raise it when a change alters what the
	 * migration does, so {@code validate} reports databases migrated by the earlier code.
	 * @return 1 for the first version
	 */
	protected int definitionVersion() {
		return 1;
	}

	/**
	 * A checksum of what this migration is, recorded by Flyway: the upstream name and the
	 * definition version (a Java migration has no script to checksum).
	 * @return the checksum
	 */
	@Override
	public final Integer getChecksum() {
		CRC32 crc = new CRC32();
		crc.update((upstreamName() + ":" + definitionVersion()).getBytes(StandardCharsets.UTF_8));
		return (int) crc.getValue();
	}

	@Override
	public final void migrate(Context context) throws Exception {
		Connection connection = context.getConnection();
		MigrationLease.confirm(connection);
		LegacyMigrator migrator = new LegacyMigrator(connection);
		MigrateHistory.createIfMissing(connection, migrator.dialect());
		upgrade(migrator);
		MigrateHistory.record(connection, migrator.dialect(), upstreamName());
	}

	/**
	 * Roll back on a connection whose transaction the caller commits.
	 * @param connection the connection
	 * @throws SQLException on a database error
	 */
	final void rollBack(Connection connection) throws SQLException {
		String refusal = rollbackRefusal();
		if (refusal != null) {
			throw new IllegalStateException(refusal);
		}
		MigrationLease.confirm(connection);
		rollback(new LegacyMigrator(connection));
		MigrateHistory.remove(connection, upstreamName());
	}

	@Override
	public String toString() {
		return upstreamName();
	}

}
