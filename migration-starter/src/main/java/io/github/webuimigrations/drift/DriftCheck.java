package io.github.webuimigrations.drift;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import io.github.webuimigrations.MigrationException;
import io.github.webuimigrations.database.ConnectionFactory;
import io.github.webuimigrations.database.ConnectionTargets;
import io.github.webuimigrations.database.DatabaseProperties;
import io.github.webuimigrations.database.Dialect;
import io.github.webuimigrations.legacy.LegacyTier;
import io.github.webuimigrations.revisioned.RevisionedTier;

/**
 * Compares a database's schema with the one this starter's own migrations build at a given
 * point, built on the fly in a scratch database of the same dialect: a temporary SQLite file,
 * or a temporary schema in the same PostgreSQL database, removed afterwards; the schema built
 * for a point is kept for the rest of the process. Nothing of the checked database is changed.
 *
 * @author webui-migrations
 */
public class DriftCheck {

	private static final Map<String, SchemaCatalog> EXPECTED = new ConcurrentHashMap<>();

	private final DataSource dataSource;

	private final String schema;

	private final Set<String> bookkeeping;

	/**
	 * A drift check of a database.
	 * @param dataSource the database
	 * @param schema its PostgreSQL schema ({@code DATABASE_SCHEMA}), or {@code null}
	 * @param legacyHistoryTable the legacy tier's Flyway history table, left out with
	 * Liquibase's tables
	 */
	public DriftCheck(DataSource dataSource, String schema, String legacyHistoryTable) {
		this.dataSource = dataSource;
		this.schema = (schema == null || schema.isBlank()) ? null : schema;
		this.bookkeeping = new HashSet<>(Set.of(LegacyTier.DEFAULT_HISTORY_TABLE, "databasechangelog",
				"databasechangeloglock"));
		this.bookkeeping.add(legacyHistoryTable.toLowerCase(Locale.ROOT));
	}

	/**
	 * Compare the database with the schema at a point.
	 * @param legacyMigrations how many legacy migrations the point has, or {@code null} for a
	 * database built by the revisions alone
	 * @param revision the point's revision, or {@code null} for none
	 * @return the drift
	 */
	public SchemaDrift check(Integer legacyMigrations, String revision) {
		String point = ((legacyMigrations == null) ? "revisions alone" : String.format("legacy %03d", legacyMigrations))
				+ ", revision " + ((revision != null) ? revision : "none");
		try (Connection live = this.dataSource.getConnection()) {
			if (this.schema != null && Dialect.of(live) == Dialect.POSTGRESQL) {
				live.setSchema(this.schema);
			}
			SchemaCatalog actual = SchemaCatalog.read(live, this.bookkeeping);
			Dialect dialect = Dialect.of(live);
			String key = dialect + " " + point;
			SchemaCatalog expected = EXPECTED.get(key);
			if (expected == null) {
				// the migrations build the same schema at a point every time: once per process is enough
				expected = (dialect == Dialect.SQLITE) ? expectedOnSqlite(legacyMigrations, revision)
						: expectedOnPostgresql(live, legacyMigrations, revision);
				EXPECTED.put(key, expected);
			}
			return SchemaDrift.between(point, expected, actual);
		}
		catch (SQLException ex) {
			throw new MigrationException("The drift check failed: " + ex.getMessage(), ex);
		}
	}

	private SchemaCatalog expectedOnSqlite(Integer legacyMigrations, String revision) throws SQLException {
		Path scratch;
		try {
			scratch = Files.createTempFile("webui-drift-", ".db");
		}
		catch (IOException ex) {
			throw new MigrationException("The drift check cannot create its scratch database: " + ex.getMessage(), ex);
		}
		try {
			DatabaseProperties properties = new DatabaseProperties();
			properties.setUrl("sqlite:///" + scratch);
			// a throwaway file: no journal to keep, no fsync to wait for
			properties.getSqlite().setWal(false);
			properties.getSqlite().setSynchronous("OFF");
			DataSource reference = new ConnectionFactory(ConnectionTargets.resolve(properties), properties.getSqlite());
			build(reference, null, legacyMigrations, revision);
			try (Connection connection = reference.getConnection()) {
				return SchemaCatalog.read(connection, this.bookkeeping);
			}
		}
		finally {
			deleteQuietly(scratch);
			deleteQuietly(Path.of(scratch + "-journal"));
		}
	}

	private SchemaCatalog expectedOnPostgresql(Connection live, Integer legacyMigrations, String revision)
			throws SQLException {
		String scratch = "webui_drift_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
		try (Statement statement = live.createStatement()) {
			statement.execute("CREATE SCHEMA " + scratch);
		}
		try {
			build(this.dataSource, scratch, legacyMigrations, revision);
			String before = live.getSchema();
			live.setSchema(scratch);
			try {
				return SchemaCatalog.read(live, this.bookkeeping);
			}
			finally {
				live.setSchema(before);
			}
		}
		finally {
			try (Statement statement = live.createStatement()) {
				statement.execute("DROP SCHEMA " + scratch + " CASCADE");
			}
		}
	}

	private static void build(DataSource dataSource, String schema, Integer legacyMigrations, String revision) {
		if (legacyMigrations != null && legacyMigrations > 0) {
			new LegacyTier(dataSource, LegacyTier.DEFAULT_HISTORY_TABLE, schema).migrate(legacyMigrations);
		}
		if (revision != null) {
			new RevisionedTier(dataSource, schema).migrate(revision);
		}
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			// a temporary file: the system cleans it up
		}
	}

}
