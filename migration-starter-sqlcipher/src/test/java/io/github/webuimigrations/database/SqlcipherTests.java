package io.github.webuimigrations.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.webuimigrations.legacy.LegacyTier;
import io.github.webuimigrations.orchestration.DatabaseMigrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * SQLCipher databases: SQLCipher 4 as upstream wrote them, SQLCipher 3 both ways with
 * Debian's {@code sqlcipher} tool, awkward keys, and clear errors for wrong or missing keys.
 */
class SqlcipherTests {

	static final String AWKWARD_KEY = "p\u00e4'ss\"w \u00f6rd\u2603";

	@TempDir
	Path directory;

	@Test
	void newSqlcipher4DatabaseWithAnAwkwardKeyIsCreatedMigratedAndReopened() throws Exception {
		Path file = this.directory.resolve("new.db");
		DatabaseProperties properties = properties(file, AWKWARD_KEY, 4);
		assertThat(tier(properties).migrate(null)).isEqualTo(18);
		assertThat(new String(Files.readAllBytes(file), 0, 15, StandardCharsets.ISO_8859_1)).isNotEqualTo("SQLite format 3");
		assertThat(tier(properties(file, AWKWARD_KEY, 4)).current()).isEqualTo(18);
	}

	@Test
	void wrongKeyIsOneLineNamingThePasswordSettingWithoutEitherKey() throws Exception {
		Path file = this.directory.resolve("new.db");
		tier(properties(file, AWKWARD_KEY, 4)).migrate(1);
		DatabaseProperties wrong = properties(file, "wrong-key", 4);
		ConnectionTarget target = ConnectionTargets.resolve(wrong);
		assertThatExceptionOfType(DatabaseSettingsException.class)
			.isThrownBy(() -> ConnectionCheck.verify(new ConnectionFactory(target, wrong.getSqlite()), target))
			.withMessageStartingWith("DATABASE_PASSWORD does not open the SQLCipher 4 database " + file)
			.withMessageContaining("DATABASE_SQLCIPHER_COMPATIBILITY=3")
			.withMessageNotContaining("wrong-key")
			.withMessageNotContaining(AWKWARD_KEY)
			.withMessageNotContaining("\n");
	}

	@Test
	void encryptedFileOpenedAsPlainSqliteSaysSo() throws Exception {
		Path file = this.directory.resolve("new.db");
		tier(properties(file, AWKWARD_KEY, 4)).migrate(1);
		DatabaseProperties plain = new DatabaseProperties();
		plain.setUrl("sqlite:///" + file);
		ConnectionTarget target = ConnectionTargets.resolve(plain);
		assertThatExceptionOfType(DatabaseSettingsException.class)
			.isThrownBy(() -> ConnectionCheck.verify(new ConnectionFactory(target, plain.getSqlite()), target))
			.withMessageContaining("is not a SQLite database")
			.withMessageContaining("sqlite+sqlcipher://");
	}

	@Test
	void sqlcipher3DatabaseMadeByDebiansToolIsMigratedAndStaysReadableByIt() throws Exception {
		Path file = this.directory.resolve("v3.db");
		String key = "it's \u00e4 key";
		sqlcipher(file, key, "CREATE TABLE marker (x TEXT); INSERT INTO marker VALUES ('made by sqlcipher 3');");
		assertThat(tier(properties(file, key, 3)).migrate(null)).isEqualTo(18);
		assertThat(sqlcipher(file, key, "SELECT count(*) FROM migratehistory; SELECT x FROM marker;"))
			.isEqualTo("18\nmade by sqlcipher 3\n");
	}

	@Test
	void sqlcipher3DatabaseMadeByUsIsReadableByDebiansTool() throws Exception {
		Path file = this.directory.resolve("ours-v3.db");
		tier(properties(file, "k3", 3)).migrate(null);
		assertThat(sqlcipher(file, "k3", "SELECT name FROM migratehistory WHERE id = 18;"))
			.isEqualTo("018_add_function_is_global\n");
	}

	@Test
	void aBackupStaysEncryptedWithTheSameKeyAndRestoreReadsIt() throws Exception {
		Path file = this.directory.resolve("backed-up.db");
		DatabaseProperties properties = properties(file, AWKWARD_KEY, 4);
		ConnectionTarget target = ConnectionTargets.resolve(properties);
		ConnectionFactory dataSource = new ConnectionFactory(target, properties.getSqlite());
		DatabaseMigrator migrator = DatabaseMigrator.configure(dataSource).connectionTarget(target).load();
		migrator.migrate(migrator.target("009"));
		migrator.migrate();
		Path backup = migrator.backups().get(0);
		assertThat(backup.getFileName().toString()).startsWith("backed-up.db.009.");
		assertThat(new String(Files.readAllBytes(backup), 0, 15, StandardCharsets.ISO_8859_1)).isNotEqualTo("SQLite format 3");
		// without the key it is not a database; with it, the database before the upgrade
		DatabaseProperties plain = new DatabaseProperties();
		plain.setUrl("sqlite:///" + backup);
		ConnectionTarget plainTarget = ConnectionTargets.resolve(plain);
		assertThatExceptionOfType(DatabaseSettingsException.class)
			.isThrownBy(() -> ConnectionCheck.verify(new ConnectionFactory(plainTarget, plain.getSqlite()), plainTarget))
			.withMessageContaining("is not a SQLite database");
		assertThat(tier(properties(backup, AWKWARD_KEY, 4)).current()).isEqualTo(9);

		migrator.restore(backup);

		assertThat(tier(properties).current()).isEqualTo(9);
		assertThat(migrator.status().revision()).isEqualTo("none");
		assertThat(new String(Files.readAllBytes(file), 0, 15, StandardCharsets.ISO_8859_1)).isNotEqualTo("SQLite format 3");
	}

	private static DatabaseProperties properties(Path file, String key, int compatibility) {
		DatabaseProperties properties = new DatabaseProperties();
		properties.setUrl("sqlite+sqlcipher://" + file.toAbsolutePath());
		properties.setPassword(key);
		properties.getSqlite().setSqlcipherCompatibility(compatibility);
		return properties;
	}

	private static LegacyTier tier(DatabaseProperties properties) {
		ConnectionFactory dataSource = new ConnectionFactory(ConnectionTargets.resolve(properties),
				properties.getSqlite());
		return new LegacyTier(WebuiDatabase.of(dataSource), LegacyTier.DEFAULT_HISTORY_TABLE);
	}

	/** Runs SQL through Debian's SQLCipher 3 command-line tool. */
	private static String sqlcipher(Path file, String key, String sql) throws IOException, InterruptedException {
		boolean installed = Files.isExecutable(Path.of("/usr/bin/sqlcipher"));
		if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException("Debian's sqlcipher tool must be installed under CI=true (.ci/run does it)");
		}
		Assumptions.assumeTrue(installed, "Debian's sqlcipher tool is not installed (apt-get install sqlcipher)");
		Process process = new ProcessBuilder("/usr/bin/sqlcipher", file.toString()).redirectErrorStream(true).start();
		process.getOutputStream()
			.write(("PRAGMA key = '" + key.replace("'", "''") + "';\n" + sql + "\n").getBytes(StandardCharsets.UTF_8));
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return output;
	}

}
