package io.github.webuimigrations.database;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every URL form open-webui accepts, the composed URL, the default, and the one-line errors.
 */
class ConnectionTargetsTests {

	@TempDir
	Path directory;

	private DatabaseProperties url(String url) {
		DatabaseProperties properties = new DatabaseProperties();
		properties.setUrl(url);
		return properties;
	}

	@Test
	void sqliteWithThreeSlashesIsRelativeToTheWorkingDirectory() {
		ConnectionTarget target = ConnectionTargets.resolve(url("sqlite:///target/webui.db"));
		assertThat(target.dialect()).isEqualTo(Dialect.SQLITE);
		assertThat(target.file()).isEqualTo(Path.of("target/webui.db").toAbsolutePath());
		assertThat(target.jdbcUrl()).isEqualTo("jdbc:sqlite:" + Path.of("target/webui.db").toAbsolutePath());
		assertThat(target.encrypted()).isFalse();
	}

	@Test
	void sqliteWithFourSlashesIsAbsolute() {
		ConnectionTarget target = ConnectionTargets.resolve(url("sqlite:///" + this.directory + "/x.db"));
		assertThat(target.file()).isEqualTo(this.directory.resolve("x.db"));
	}

	@Test
	void sqlcipherTakesThePathAfterThePrefixAndThePasswordAsKey() {
		DatabaseProperties properties = url("sqlite+sqlcipher://" + this.directory + "/secret.db");
		properties.setPassword("p'\u00e4ss\"word");
		ConnectionTarget target = ConnectionTargets.resolve(properties);
		assertThat(target.encrypted()).isTrue();
		assertThat(target.file()).isEqualTo(this.directory.resolve("secret.db"));
		assertThat(target.properties()).containsEntry("key", "p'\u00e4ss\"word")
			.containsEntry("cipher", "sqlcipher")
			.containsEntry("legacy", "4");
		assertThat(target.jdbcUrl()).doesNotContain("word");
		assertThat(target.description()).doesNotContain("word").contains("SQLCipher 4");
	}

	@Test
	void sqlcipherCompatibility3IsASetting() {
		DatabaseProperties properties = url("sqlite+sqlcipher://" + this.directory + "/secret.db");
		properties.setPassword("k");
		properties.getSqlite().setSqlcipherCompatibility(3);
		assertThat(ConnectionTargets.resolve(properties).properties()).containsEntry("legacy", "3");
		properties.getSqlite().setSqlcipherCompatibility(5);
		assertThatExceptionOfType(DatabaseSettingsException.class).isThrownBy(() -> ConnectionTargets.resolve(properties))
			.withMessage("DATABASE_SQLCIPHER_COMPATIBILITY must be 3 or 4, not 5");
	}

	@Test
	void sqlcipherWithoutPasswordIsRefused() {
		assertThatExceptionOfType(DatabaseSettingsException.class)
			.isThrownBy(() -> ConnectionTargets.resolve(url("sqlite+sqlcipher://" + this.directory + "/s.db")))
			.withMessageStartingWith("DATABASE_PASSWORD is required");
	}

	@Test
	void postgresqlUrlWithPercentEncodedCredentials() {
		ConnectionTarget target = ConnectionTargets
			.resolve(url("postgresql://us%40er:p%40ss%3Aw%2Bo+rd@db.example.com:6543/web%20ui"));
		assertThat(target.dialect()).isEqualTo(Dialect.POSTGRESQL);
		assertThat(target.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6543/web%20ui");
		assertThat(target.properties()).containsEntry("user", "us@er").containsEntry("password", "p@ss:w+o+rd");
		assertThat(target.description()).isEqualTo("PostgreSQL database us@er@db.example.com:6543/web ui");
	}

	@Test
	void postgresSchemeAndDriverSuffixesAreAccepted() {
		assertThat(ConnectionTargets.resolve(url("postgres://u@h/db")).jdbcUrl())
			.isEqualTo("jdbc:postgresql://h:5432/db");
		assertThat(ConnectionTargets.resolve(url("postgresql+psycopg2://u@h:5433/db")).jdbcUrl())
			.isEqualTo("jdbc:postgresql://h:5433/db");
		assertThat(ConnectionTargets.resolve(url("postgresql://u@[::1]:5432/db")).jdbcUrl())
			.isEqualTo("jdbc:postgresql://[::1]:5432/db");
	}

	@Test
	void onlyTheSchemeIsRewrittenNotAPasswordThatContainsPostgres() {
		ConnectionTarget target = ConnectionTargets.resolve(url("postgresql://u:postgres://x@h/db"));
		assertThat(target.properties()).containsEntry("password", "postgres://x");
	}

	@Test
	void sslQueryParametersAreNormalised() {
		ConnectionTarget target = ConnectionTargets.resolve(url(
				"postgresql://u@h/db?ssl=require&sslrootcert=%2Fcerts%2Froot.crt&sslcert=/c.crt&sslkey=/c.key&application_name=webui"));
		assertThat(target.properties()).containsEntry("sslmode", "require")
			.containsEntry("sslrootcert", "/certs/root.crt")
			.containsEntry("sslcert", "/c.crt")
			.containsEntry("sslkey", "/c.key")
			.containsEntry("ApplicationName", "webui");
		assertThat(ConnectionTargets.resolve(url("postgresql://u@h/db?sslmode=verify-full&ssl=disable")).properties())
			.containsEntry("sslmode", "verify-full");
		assertThat(ConnectionTargets.resolve(url("postgresql://u@h/db?ssl=true")).properties())
			.containsEntry("sslmode", "require");
		assertThatExceptionOfType(DatabaseSettingsException.class)
			.isThrownBy(() -> ConnectionTargets.resolve(url("postgresql://u@h/db?sslcrl=/x.crl")))
			.withMessageStartingWith("DATABASE_URL: sslcrl is not supported");
	}

	@Test
	void urlIsComposedFromTheSeparateVariablesWithoutEncodingProblems() {
		DatabaseProperties properties = new DatabaseProperties();
		properties.setUrl("sqlite:///ignored.db");
		properties.setType("postgresql");
		properties.setUser("webui");
		properties.setPassword("p@ss/w:rd");
		properties.setHost("db");
		properties.setPort("5433");
		properties.setName("openwebui");
		ConnectionTarget target = ConnectionTargets.resolve(properties);
		assertThat(target.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5433/openwebui");
		assertThat(target.properties()).containsEntry("user", "webui").containsEntry("password", "p@ss/w:rd");
		assertThat(target.setting()).isEqualTo("DATABASE_HOST");
	}

	@Test
	void incompleteCompositionFallsBackToTheUrl() {
		DatabaseProperties properties = url("sqlite:///" + this.directory + "/x.db");
		properties.setType("postgresql");
		properties.setHost("db");
		assertThat(ConnectionTargets.resolve(properties).dialect()).isEqualTo(Dialect.SQLITE);
	}

	@Test
	void defaultIsWebuiDbInTheDataDirectoryWhichIsCreated() {
		DatabaseProperties properties = new DatabaseProperties();
		properties.setDataDir(this.directory.resolve("data"));
		ConnectionTarget target = ConnectionTargets.resolve(properties);
		assertThat(target.file()).isEqualTo(this.directory.resolve("data/webui.db"));
		assertThat(this.directory.resolve("data")).isDirectory();
	}

	@Test
	void sqlcipherTypeAloneEncryptsTheDefaultDatabase() {
		DatabaseProperties properties = new DatabaseProperties();
		properties.setDataDir(this.directory);
		properties.setType("sqlite+sqlcipher");
		properties.setPassword("k");
		ConnectionTarget target = ConnectionTargets.resolve(properties);
		assertThat(target.encrypted()).isTrue();
		assertThat(target.file()).isEqualTo(this.directory.resolve("webui.db"));
	}

	@Test
	void legacyOllamaDatabaseIsRenamedButNeverOverAnExistingOne() throws Exception {
		Files.writeString(this.directory.resolve("ollama.db"), "old");
		DatabaseProperties properties = new DatabaseProperties();
		properties.setDataDir(this.directory);
		ConnectionTargets.resolve(properties);
		assertThat(this.directory.resolve("webui.db")).hasContent("old");
		Files.writeString(this.directory.resolve("ollama.db"), "older");
		ConnectionTargets.resolve(properties);
		assertThat(this.directory.resolve("webui.db")).hasContent("old");
	}

	@Test
	void malformedAndUnsupportedUrlsGiveOneLineWithoutThePassword() {
		assertThatExceptionOfType(DatabaseSettingsException.class)
			.isThrownBy(() -> ConnectionTargets.resolve(url("not a url with s3cret")))
			.withMessageStartingWith("DATABASE_URL is malformed")
			.withMessageNotContaining("s3cret");
		assertThatExceptionOfType(DatabaseSettingsException.class)
			.isThrownBy(() -> ConnectionTargets.resolve(url("mysql://root:s3cret@h/db")))
			.withMessageStartingWith("DATABASE_URL uses the unsupported scheme 'mysql'")
			.withMessageNotContaining("s3cret")
			.withMessageNotContaining("\n");
		assertThatExceptionOfType(DatabaseSettingsException.class)
			.isThrownBy(() -> ConnectionTargets.resolve(url("postgresql://u:s3cret@h:port/db")))
			.withMessage("DATABASE_URL: the port 'port' is not a number");
		assertThatExceptionOfType(DatabaseSettingsException.class)
			.isThrownBy(() -> ConnectionTargets.resolve(url("sqlite://")))
			.withMessageContaining("in-memory");
		assertThatExceptionOfType(DatabaseSettingsException.class)
			.isThrownBy(() -> ConnectionTargets.resolve(url("sqlite:///" + this.directory + "/missing/x.db")))
			.withMessageContaining("does not exist");
	}

	@Test
	void pragmaValuesAreChecked() {
		DatabaseProperties properties = url("sqlite:///" + this.directory + "/x.db");
		properties.getSqlite().setSynchronous("NORMAL; DROP TABLE user");
		assertThatExceptionOfType(DatabaseSettingsException.class).isThrownBy(() -> ConnectionTargets.resolve(properties))
			.withMessageStartingWith("DATABASE_SQLITE_PRAGMA_SYNCHRONOUS");
	}

	@Test
	void schemaBecomesTheCurrentSchemaOfPostgresqlConnections() {
		DatabaseProperties properties = url("postgresql://u@h/db");
		properties.setSchema("webui");
		assertThat(ConnectionTargets.resolve(properties).properties()).containsEntry("currentSchema", "webui");
	}

	@Test
	void redactRemovesTheSecret() {
		ConnectionTarget target = ConnectionTargets.resolve(url("postgresql://u:s3cret@h/db"));
		assertThat(target.redact("FATAL: s3cret is wrong")).isEqualTo("FATAL: ****** is wrong");
	}

}
