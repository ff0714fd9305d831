package io.github.webuimigrations.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.webuimigrations.MigrationException;
import io.github.webuimigrations.orchestration.DatabaseMigrator;
import io.github.webuimigrations.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Bad inputs beyond the settings' own parsing: a database that another process has locked, a
 * directory where the SQLite file should be, a PostgreSQL database that does not exist. Each
 * gets one line naming the problem, and nothing changes.
 */
class BadInputTests {

	@TempDir
	Path directory;

	@Test
	void sqliteFileLockedByAnotherWriterFailsAfterTheBusyTimeoutAndChangesNothing() throws Exception {
		DatabaseProperties properties = new DatabaseProperties();
		properties.setUrl("sqlite:///" + this.directory.resolve("webui.db"));
		properties.getSqlite().setBusyTimeout("500");
		ConnectionTarget target = ConnectionTargets.resolve(properties);
		ConnectionFactory dataSource = new ConnectionFactory(target, properties.getSqlite());
		try (Connection other = dataSource.getConnection(); Statement statement = other.createStatement()) {
			statement.execute("CREATE TABLE other_app (id INTEGER)");
			// another process writing: it holds the write lock until it commits
			statement.execute("BEGIN IMMEDIATE");
			statement.execute("INSERT INTO other_app VALUES (1)");
			DatabaseMigrator migrator = DatabaseMigrator.configure(dataSource).connectionTarget(target).backup(false).load();
			assertThatExceptionOfType(MigrationException.class).isThrownBy(migrator::migrate)
				.withMessageStartingWith("Legacy migration 001_initial_schema failed and was rolled back; the database is "
						+ "at the start of the legacy tier: ")
				.withMessageContaining("locked")
				.withMessageNotContaining("\n");
			statement.execute("COMMIT");
		}
		try (TestDatabase database = TestDatabase.sqlite(this.directory.resolve("webui.db"))) {
			assertThat(Sql.strings(database.connection(),
					"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'flyway%' ORDER BY name"))
				.containsExactly("other_app");
		}
	}

	@Test
	void directoryWhereTheSqliteFileShouldBeIsOneLineNamingTheSetting() throws Exception {
		Path folder = Files.createDirectories(this.directory.resolve("webui.db"));
		DatabaseProperties properties = new DatabaseProperties();
		properties.setUrl("sqlite:///" + folder);
		ConnectionTarget target = ConnectionTargets.resolve(properties);
		assertThatExceptionOfType(DatabaseSettingsException.class)
			.isThrownBy(() -> ConnectionCheck.verify(new ConnectionFactory(target, properties.getSqlite()), target))
			.withMessageStartingWith("DATABASE_URL: cannot open the SQLite database " + folder)
			.withMessageNotContaining("\n");
	}

	@Test
	void postgresqlDatabaseThatDoesNotExistIsNamed() throws Exception {
		DatabaseProperties properties = new DatabaseProperties();
		properties.setUrl("postgresql://postgres:n0t-shown@" + TestDatabase.POSTGRES_HOST + ":" + TestDatabase.POSTGRES_PORT
				+ "/no_such_webui_db");
		ConnectionTarget target = ConnectionTargets.resolve(properties);
		// a server must be there (CI) for the missing database to be the problem
		try (TestDatabase reachable = TestDatabase.postgres()) {
			assertThatExceptionOfType(DatabaseSettingsException.class)
				.isThrownBy(() -> ConnectionCheck.verify(new ConnectionFactory(target, properties.getSqlite()), target))
				.withMessageStartingWith("DATABASE_URL: the PostgreSQL database postgres@" + TestDatabase.POSTGRES_HOST + ":"
						+ TestDatabase.POSTGRES_PORT + "/no_such_webui_db does not exist")
				.withMessageNotContaining("n0t-shown")
				.withMessageNotContaining("\n");
		}
	}

}
