package io.github.webuimigrations.legacy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.webuimigrations.database.ConnectionFactory;
import io.github.webuimigrations.database.ConnectionTargets;
import io.github.webuimigrations.database.DatabaseProperties;
import io.github.webuimigrations.testsupport.UpstreamFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQLCipher 4 copy of upstream's peewee-009 database (encrypted by the SQLCipher 4.9 tool
 * at its defaults) opens with its quoted key, continues at 010 and ends with upstream's rows.
 */
class UpstreamSqlcipherFixtureTests {

	static final String KEY = "open-webui s3cret 'quoted'";

	@TempDir
	Path directory;

	@Test
	void sqlcipher4FixtureOpensWithItsQuotedKeyAndMigrates() throws Exception {
		Path file = UpstreamFixture.copy(this.directory, "upstream-peewee-009.sqlcipher4.db");
		DatabaseProperties properties = new DatabaseProperties();
		properties.setUrl("sqlite+sqlcipher://" + file.toAbsolutePath());
		properties.setPassword(KEY);
		ConnectionFactory dataSource = new ConnectionFactory(ConnectionTargets.resolve(properties),
				properties.getSqlite());
		LegacyTier tier = UpstreamFixtureTests.tier(dataSource);
		assertThat(tier.migrate(null)).isEqualTo(9);
		UpstreamFixtureTests.assertMatchesUpstream(dataSource.getConnection());
		// still encrypted: no plain SQLite header
		byte[] header = new byte[16];
		try (InputStream in = Files.newInputStream(file)) {
			in.read(header);
		}
		assertThat(new String(header)).doesNotStartWith("SQLite format 3");
	}

}
