package io.github.webuimigrations.testsupport;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Assumptions;

import io.github.webuimigrations.MigrationListener;
import io.github.webuimigrations.database.ConnectionFactory;
import io.github.webuimigrations.database.ConnectionTarget;
import io.github.webuimigrations.database.ConnectionTargets;
import io.github.webuimigrations.database.DatabaseProperties;
import io.github.webuimigrations.database.Dialect;
import io.github.webuimigrations.database.WebuiDatabase;
import io.github.webuimigrations.legacy.LegacyTier;
import io.github.webuimigrations.orchestration.DatabaseMigrator;
import io.github.webuimigrations.orchestration.MigratorConfiguration;
import io.github.webuimigrations.revisioned.RevisionedTier;

/**
 * A real database of its own for one test: a SQLite file in the test's directory, or a new
 * database on the local PostgreSQL server (dropped on close). Under {@code CI=true} a
 * missing PostgreSQL server fails the test instead of skipping it.
 */
public final class TestDatabase implements AutoCloseable {

	/** The high 32 bits of the starter's PostgreSQL advisory lock keys ({@code MigrationLock}). */
	private static final long MIGRATION_LOCK_HIGH_HALF = 0x7765627569L >>> 8;

	public static final String POSTGRES_HOST = System.getenv().getOrDefault("TEST_POSTGRES_HOST", "127.0.0.1");

	public static final String POSTGRES_PORT = System.getenv().getOrDefault("TEST_POSTGRES_PORT", "5432");

	private final Dialect dialect;

	private final String url;

	private final String name;

	private final DatabaseProperties properties;

	private final DataSource dataSource;

	private TestDatabase(Dialect dialect, String url, String name) {
		this.dialect = dialect;
		this.url = url;
		this.name = name;
		this.properties = new DatabaseProperties();
		this.properties.setUrl(url);
		this.properties.getPool().setSize(0);
		ConnectionTarget target = ConnectionTargets.resolve(this.properties);
		this.dataSource = new ConnectionFactory(target, this.properties.getSqlite());
	}

	public static TestDatabase create(Dialect dialect, Path directory) {
		return (dialect == Dialect.SQLITE) ? sqlite(directory.resolve("webui.db")) : postgres();
	}

	public static TestDatabase sqlite(Path file) {
		return new TestDatabase(Dialect.SQLITE, "sqlite:///" + file.toAbsolutePath(), null);
	}

	/**
	 * The same PostgreSQL database reached through another URL (a pooler, say); closing it drops nothing.
	 * @param url the URL, in {@code DATABASE_URL}'s form
	 * @return the database
	 */
	public static TestDatabase at(String url) {
		return new TestDatabase(Dialect.POSTGRESQL, url, null);
	}

	public static TestDatabase postgres() {
		String name = "wm_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		SQLException unreachable = null;
		try (Connection admin = admin(); Statement statement = admin.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			unreachable = ex;
		}
		if (unreachable != null && "true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException("PostgreSQL must be reachable at " + POSTGRES_HOST + ":" + POSTGRES_PORT
					+ " under CI=true (.ci/run starts it)", unreachable);
		}
		// outside CI a machine without a PostgreSQL server still runs the SQLite half of the suite
		Assumptions.assumeTrue(unreachable == null, "no PostgreSQL server at " + POSTGRES_HOST + ":" + POSTGRES_PORT);
		return new TestDatabase(Dialect.POSTGRESQL,
				"postgresql://postgres@" + POSTGRES_HOST + ":" + POSTGRES_PORT + "/" + name, name);
	}

	/**
	 * A new PostgreSQL database that is a copy of another ({@code CREATE DATABASE … TEMPLATE}); the
	 * template must have no open connection.
	 * @param template the database copied
	 * @return the copy, dropped on close
	 */
	public static TestDatabase postgresCopyOf(TestDatabase template) {
		String name = "wm_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		try (Connection admin = admin(); Statement statement = admin.createStatement()) {
			statement.execute("CREATE DATABASE " + name + " TEMPLATE " + template.name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot copy " + template.name + ": " + ex.getMessage(), ex);
		}
		return new TestDatabase(Dialect.POSTGRESQL,
				"postgresql://postgres@" + POSTGRES_HOST + ":" + POSTGRES_PORT + "/" + name, name);
	}

	/**
	 * Ends every session of this PostgreSQL database but the caller's, as a server or proxy
	 * ending connections does.
	 * @return how many sessions were ended
	 * @throws SQLException if the server refuses
	 */
	public int terminateSessions() throws SQLException {
		try (Connection admin = admin(); Statement statement = admin.createStatement();
				ResultSet ended = statement.executeQuery("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) "
						+ "FROM pg_stat_activity WHERE datname = '" + this.name + "' AND pid <> pg_backend_pid()")) {
			ended.next();
			return ended.getInt(1);
		}
	}

	/**
	 * Ends the session holding the migration lock of this PostgreSQL database (an advisory lock
	 * whose high half is the starter's), and only that one: its process goes on migrating.
	 * @return how many sessions were ended (0 when nobody held it)
	 * @throws SQLException if the server refuses
	 */
	public int terminateLockSession() throws SQLException {
		try (Connection admin = admin(); Statement statement = admin.createStatement();
				ResultSet ended = statement.executeQuery("SELECT count(*) FILTER (WHERE pg_terminate_backend(l.pid)) "
						+ "FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE d.datname = '" + this.name
						+ "' AND l.locktype = 'advisory' AND l.granted AND l.mode = 'ExclusiveLock' "
						+ "AND l.classid::bigint = " + (MIGRATION_LOCK_HIGH_HALF) + " AND l.objsubid = 1")) {
			ended.next();
			return ended.getInt(1);
		}
	}

	private static Connection admin() throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", "postgres");
		properties.setProperty("connectTimeout", "5");
		return DriverManager.getConnection("jdbc:postgresql://" + POSTGRES_HOST + ":" + POSTGRES_PORT + "/postgres",
				properties);
	}

	public Dialect dialect() {
		return this.dialect;
	}

	/** The database as a {@code DATABASE_URL}. */
	public String url() {
		return this.url;
	}

	/** The database as Spring's {@code spring.datasource.url}, user {@code postgres} on PostgreSQL. */
	public String jdbcUrl() {
		return isSqlite() ? "jdbc:sqlite:" + this.url.substring("sqlite:///".length())
				: "jdbc:postgresql://" + POSTGRES_HOST + ":" + POSTGRES_PORT + "/" + this.name;
	}

	public DatabaseProperties properties() {
		return this.properties;
	}

	public DataSource dataSource() {
		return this.dataSource;
	}

	public Connection connection() throws SQLException {
		return this.dataSource.getConnection();
	}

	public void execute(String... statements) throws SQLException {
		try (Connection connection = connection(); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

	/** The database as the migrations see it: its data source, no schema. */
	public WebuiDatabase webui() {
		return WebuiDatabase.of(this.dataSource);
	}

	/**
	 * The configuration of a migrator of this database, built as the starter builds it, backups
	 * off (tests that want them say so).
	 * @return the configuration
	 */
	public MigratorConfiguration configure() {
		return DatabaseMigrator.configure(this.dataSource).backup(false);
	}

	/**
	 * A migrator of both tiers on this database, as the starter builds it (default tables and lock),
	 * without backups.
	 * @param listeners told of what it does
	 * @return the migrator
	 */
	public DatabaseMigrator migrator(MigrationListener... listeners) {
		return configure().listeners(listeners).load();
	}

	/** The tables of Flyway's and Liquibase's own bookkeeping, lower case. */
	public Set<String> bookkeepingTables() {
		Set<String> tables = new HashSet<>(legacyTier().bookkeepingTables());
		tables.addAll(revisionedTier().bookkeepingTables());
		return tables;
	}

	/** The legacy tier of this database, with the default history table. */
	public LegacyTier legacyTier() {
		return new LegacyTier(webui(), LegacyTier.DEFAULT_HISTORY_TABLE);
	}

	/** The revisioned tier of this database, its revisions run as the starter runs them by default. */
	public RevisionedTier revisionedTier() {
		return new RevisionedTier(webui(), RevisionedTier.Options.DEFAULTS);
	}

	/**
	 * The revisioned tier of this database.
	 * @param onePassChatRewrite whether the revisions that rewrite every chat share one pass
	 * @return the tier
	 */
	public RevisionedTier revisionedTier(boolean onePassChatRewrite) {
		return new RevisionedTier(webui(), new RevisionedTier.Options(onePassChatRewrite, false,
				RevisionedTier.Options.DEFAULTS.pageSize(), Set.of()));
	}

	public boolean isSqlite() {
		return this.dialect == Dialect.SQLITE;
	}

	@Override
	public void close() throws SQLException {
		if (this.name != null) {
			try (Connection admin = admin(); Statement statement = admin.createStatement()) {
				statement.execute("DROP DATABASE IF EXISTS " + this.name + " WITH (FORCE)");
			}
		}
	}

	@Override
	public String toString() {
		return this.dialect.name().toLowerCase(Locale.ROOT);
	}

}
