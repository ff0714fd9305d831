package io.github.webuimigrations.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * SQLite connections get upstream's PRAGMAs; the pool follows SQLAlchemy's semantics.
 */
class ConnectionFactoryTests {

	@TempDir
	Path directory;

	@Test
	void everyNewSqliteConnectionGetsThePragmasInUpstreamOrder() throws Exception {
		DatabaseProperties properties = new DatabaseProperties();
		properties.setUrl("sqlite:///" + this.directory + "/x.db");
		properties.getSqlite().setCacheSize("");
		ConnectionFactory factory = new ConnectionFactory(ConnectionTargets.resolve(properties), properties.getSqlite());
		assertThat(factory.getPragmas()).containsExactly("journal_mode=WAL", "synchronous=NORMAL", "busy_timeout=5000",
				"temp_store=MEMORY", "mmap_size=268435456", "journal_size_limit=67108864");
		try (Connection connection = factory.getConnection()) {
			assertThat(pragma(connection, "journal_mode")).isEqualTo("wal");
			assertThat(pragma(connection, "synchronous")).isEqualTo("1");
			assertThat(pragma(connection, "busy_timeout")).isEqualTo("5000");
			assertThat(pragma(connection, "temp_store")).isEqualTo("2");
		}
	}

	@Test
	void theStartersOwnDriverIsTodaysSqlite() throws Exception {
		DatabaseProperties properties = new DatabaseProperties();
		properties.setUrl("sqlite:///" + this.directory + "/x.db");
		ConnectionFactory factory = new ConnectionFactory(ConnectionTargets.resolve(properties), properties.getSqlite());
		try (Connection connection = factory.getConnection(); Statement statement = connection.createStatement();
				ResultSet version = statement.executeQuery("SELECT sqlite_version()")) {
			version.next();
			assertThat(version.getString(1)).startsWith("3.54.");
		}
	}

	@Test
	void sqlcipherWithoutTheSqlcipherDriverIsOneLineNamingTheDependency() {
		DatabaseProperties properties = new DatabaseProperties();
		properties.setUrl("sqlite+sqlcipher://" + this.directory + "/secret.db");
		properties.setPassword("hunter2");
		ConnectionTarget target = ConnectionTargets.resolve(properties);
		assertThatExceptionOfType(DatabaseSettingsException.class)
			.isThrownBy(() -> new ConnectionFactory(target, properties.getSqlite()))
			.withMessage("DATABASE_URL asks for a SQLCipher-encrypted database, but the SQLite driver on the class path "
					+ "(org.xerial:sqlite-jdbc) cannot encrypt: depend on io.github.webuimigrations:migration-starter-sqlcipher "
					+ "instead of io.github.webuimigrations:migration-starter");
		assertThat(this.directory.resolve("secret.db")).doesNotExist();
	}

	@Test
	void walCanBeTurnedOff() throws Exception {
		DatabaseProperties properties = new DatabaseProperties();
		properties.setUrl("sqlite:///" + this.directory + "/x.db");
		properties.getSqlite().setWal(false);
		ConnectionFactory factory = new ConnectionFactory(ConnectionTargets.resolve(properties), properties.getSqlite());
		try (Connection connection = factory.getConnection()) {
			assertThat(pragma(connection, "journal_mode")).isEqualTo("delete");
		}
	}

	@Test
	void unsetPoolSizeIsSqlalchemysDefaultPool() {
		try (HikariDataSource pool = (HikariDataSource) create(null, 7, 3, 100)) {
			assertThat(pool.getMinimumIdle()).isEqualTo(5);
			assertThat(pool.getMaximumPoolSize()).isEqualTo(15);
			assertThat(pool.getConnectionTimeout()).isEqualTo(30_000);
			assertThat(pool.getMaxLifetime()).isZero();
		}
	}

	@Test
	void poolSizeOverflowTimeoutAndRecycleMapOntoHikari() {
		try (HikariDataSource pool = (HikariDataSource) create(4, 6, 12, 1800)) {
			assertThat(pool.getMinimumIdle()).isEqualTo(4);
			assertThat(pool.getMaximumPoolSize()).isEqualTo(10);
			assertThat(pool.getConnectionTimeout()).isEqualTo(12_000);
			assertThat(pool.getMaxLifetime()).isEqualTo(1_800_000);
			assertThat(pool.getIdleTimeout()).isEqualTo(10_000);
		}
		try (HikariDataSource pool = (HikariDataSource) create(4, 0, 30, -1)) {
			assertThat(pool.getMaxLifetime()).isZero();
		}
	}

	@Test
	void poolSizeZeroMeansNoPool() {
		assertThat(create(0, 0, 30, 3600)).isInstanceOf(ConnectionFactory.class);
	}

	private DataSource create(Integer size, int overflow, int timeout, int recycle) {
		DatabaseProperties properties = new DatabaseProperties();
		properties.setUrl("sqlite:///" + this.directory + "/x.db");
		properties.getPool().setSize(size);
		properties.getPool().setMaxOverflow(overflow);
		properties.getPool().setTimeout(java.time.Duration.ofSeconds(timeout));
		properties.getPool().setRecycle(java.time.Duration.ofSeconds(recycle));
		return PooledDataSources.create(properties, ConnectionTargets.resolve(properties));
	}

	private static String pragma(Connection connection, String name) throws Exception {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("PRAGMA " + name)) {
			result.next();
			return result.getString(1);
		}
	}

}
