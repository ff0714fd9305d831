package io.github.webuimigrations.drift;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.github.webuimigrations.MigrationException;
import io.github.webuimigrations.MigrationListener;
import io.github.webuimigrations.MigrationTarget;
import io.github.webuimigrations.MigrationTier;
import io.github.webuimigrations.Tier;
import io.github.webuimigrations.database.ConnectionFactory;
import io.github.webuimigrations.database.ConnectionTargets;
import io.github.webuimigrations.database.DatabaseProperties;
import io.github.webuimigrations.database.Dialect;
import io.github.webuimigrations.database.ReadOnlyDatabase;
import io.github.webuimigrations.database.WebuiDatabase;

/**
 * Compares a database's schema with the one this starter's own migrations build at a given
 * point, built on the fly in a scratch database of the same dialect: a temporary SQLite file,
 * or a temporary schema in the same PostgreSQL database, removed afterwards; the schema built
 * for a point is kept by this check (one per migrator). Nothing of the checked database is
 * changed.
 *
 * @author webui-migrations
 */
public class DriftCheck {

	/** The schema the migrations build at each point, per dialect: the same every time. */
	private final Map<String, SchemaCatalog> expected = new ConcurrentHashMap<>();

	private final WebuiDatabase database;

	private final Function<WebuiDatabase, List<MigrationTier>> tiers;

	private final Set<String> bookkeeping;

	/**
	 * A drift check of a database.
	 * @param database the database
	 * @param tiers builds the tiers of a scratch database, as they are built for this one
	 * @param bookkeeping the tables of the tools' own bookkeeping, left out of the comparison
	 */
	public DriftCheck(WebuiDatabase database, Function<WebuiDatabase, List<MigrationTier>> tiers,
			Set<String> bookkeeping) {
		this.database = database;
		this.tiers = tiers;
		this.bookkeeping = bookkeeping.stream().map((table) -> table.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
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
		try (Connection live = this.database.connect()) {
			SchemaCatalog actual = SchemaCatalog.read(live, this.bookkeeping);
			Dialect dialect = Dialect.of(live);
			String key = dialect + " " + point;
			SchemaCatalog expected = this.expected.get(key);
			if (expected == null && dialect == Dialect.POSTGRESQL) {
				String readOnly = ReadOnlyDatabase.reason(this.database.dataSource());
				if (readOnly != null) {
					throw new MigrationException("The drift check builds the expected schema in a scratch schema of "
							+ "the database, which cannot be written: the database is " + readOnly
							+ "; run drift against the primary server");
				}
			}
			if (expected == null) {
				// the migrations build the same schema at a point every time: once is enough
				expected = (dialect == Dialect.SQLITE) ? expectedOnSqlite(legacyMigrations, revision)
						: expectedOnPostgresql(live, legacyMigrations, revision);
				this.expected.put(key, expected);
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
			build(WebuiDatabase.of(reference), legacyMigrations, revision);
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
			build(new WebuiDatabase(this.database.dataSource(), scratch), legacyMigrations, revision);
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

	private void build(WebuiDatabase scratch, Integer legacyMigrations, String revision) {
		for (MigrationTier tier : this.tiers.apply(scratch)) {
			if (tier.tier() == Tier.LEGACY && legacyMigrations != null && legacyMigrations > 0) {
				tier.migrate(MigrationTarget.legacy(legacyMigrations), MigrationListener.NONE);
			}
			if (tier.tier() == Tier.REVISIONED && revision != null) {
				tier.migrate(MigrationTarget.revision(revision), MigrationListener.NONE);
			}
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
