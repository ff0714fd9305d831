package io.github.webuimigrations.testsupport;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

/**
 * The databases upstream open-webui made itself ({@code src/test/resources/fixtures}): copies to
 * migrate, and the peewee-009 rows carried into a PostgreSQL database at the same point.
 */
public final class UpstreamFixture {

	/** The data tables of the peewee-009 fixture. */
	public static final List<String> PEEWEE_009_TABLES = List.of("auth", "chat", "chatidtag", "document", "modelfile",
			"prompt", "tag", "user", "memory", "model");

	private UpstreamFixture() {
	}

	/**
	 * A copy of a fixture file.
	 * @param directory where to put it
	 * @param name the fixture's file name
	 * @return the copy
	 */
	public static Path copy(Path directory, String name) throws Exception {
		Path target = directory.resolve(name);
		try (InputStream in = UpstreamFixture.class.getResourceAsStream("/fixtures/" + name)) {
			Files.copy(in, target);
		}
		return target;
	}

	/**
	 * Bring a PostgreSQL database to legacy migration 009 and copy the peewee-009 fixture's rows into it.
	 * @param source the SQLite fixture
	 * @param target the PostgreSQL database
	 */
	public static void copyPeewee009Rows(TestDatabase source, TestDatabase target) throws Exception {
		target.legacyTier().migrate(9);
		try (Connection from = source.connection(); Connection to = target.connection()) {
			for (String table : PEEWEE_009_TABLES) {
				RowDump.copyTable(from, to, table);
			}
		}
	}

}
