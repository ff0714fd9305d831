package io.github.webuimigrations.revisioned;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.webuimigrations.database.Dialect;
import io.github.webuimigrations.testsupport.SchemaSnapshot;
import io.github.webuimigrations.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An empty database through both tiers to head is the legacy-born database of spec Appendix B:
 * every column the appendix lists has the legacy type, NOT NULL and primary-key membership it
 * gives (checked against the appendix's own table, src/test/resources/expected/appendix-b-columns.tsv).
 */
class AppendixBTests {

	@TempDir
	Path directory;

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void legacyBornDatabaseAtHeadHasAppendixBColumns(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			database.legacyTier().migrate(null);
			database.revisionedTier().migrate(null);
			List<String> schema = SchemaSnapshot.of(database);
			int checked = 0;
			for (String line : rows()) {
				String[] row = line.split("\t");
				String table = row[0];
				String column = row[1];
				String legacy = (dialect == Dialect.SQLITE) ? row[3] : row[5];
				String actual = columnLine(schema, table, column);
				if (legacy.equals("—")) {
					assertThat(actual).as(table + "." + column).isNull();
					continue;
				}
				assertThat(actual).as(table + "." + column).isNotNull();
				String description = actual.replaceFirst("^  column " + column + " ", "").replaceFirst(" default .*$", "");
				String expected = legacy.replace(" NN", " not null").replace(" PK", " pk");
				if (dialect == Dialect.POSTGRESQL) {
					// the appendix's PostgreSQL columns do not mark primary keys; its constraint list does
					description = description.replace(" pk", "");
				}
				assertThat(description).as(table + "." + column).isEqualTo(expected);
				checked++;
			}
			assertThat(checked).isGreaterThan(60);
		}
	}

	private static String columnLine(List<String> schema, String table, String column) {
		int start = schema.indexOf("table " + table);
		if (start < 0) {
			return null;
		}
		for (int i = start + 1; i < schema.size() && !schema.get(i).startsWith("table "); i++) {
			if (schema.get(i).startsWith("  column " + column + " ")) {
				return schema.get(i);
			}
		}
		return null;
	}

	private static List<String> rows() throws Exception {
		try (InputStream stream = AppendixBTests.class.getResourceAsStream("/expected/appendix-b-columns.tsv")) {
			return new String(stream.readAllBytes(), StandardCharsets.UTF_8).lines()
				.filter((line) -> !line.startsWith("#"))
				.toList();
		}
	}

}
