package io.github.webuimigrations.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fresh open-webui databases at head for tests. The first call of a run migrates a template
 * (about as long as a start on an empty database); every call after it copies the template:
 * a file copy on SQLite, {@code CREATE DATABASE … TEMPLATE} on PostgreSQL.
 *
 * <pre>
 * static final WebuiTestDatabase database = WebuiTestDatabases.sqlite();
 *
 * &#64;DynamicPropertySource
 * static void database(DynamicPropertyRegistry registry) {
 *     registry.add("webui.database.url", database::url);
 * }
 * </pre>
 *
 * @author webui-migrations
 */
public final class WebuiTestDatabases {

	/** The PostgreSQL server used when none is named: {@code WEBUI_TEST_POSTGRES_URL}, else the local one. */
	public static final String DEFAULT_POSTGRES_SERVER = System.getenv()
		.getOrDefault("WEBUI_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres");

	private WebuiTestDatabases() {
	}

	/**
	 * A SQLite database in a new temporary directory, removed on close.
	 * @return the database
	 */
	public static WebuiTestDatabase sqlite() {
		try {
			Path directory = Files.createTempDirectory("webui-test");
			Path file = SqliteTemplate.copyTo(directory.resolve("webui.db"));
			return new WebuiTestDatabase("sqlite:///" + file.toAbsolutePath(), "jdbc:sqlite:" + file.toAbsolutePath(),
					() -> remove(directory));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot make a directory for a test database", ex);
		}
	}

	/**
	 * A SQLite database at a path of the test's choosing (a JUnit {@code @TempDir}, say).
	 * @param file where the database goes
	 * @return the database; closing it removes the file
	 */
	public static WebuiTestDatabase sqlite(Path file) {
		Path copy = SqliteTemplate.copyTo(file).toAbsolutePath();
		return new WebuiTestDatabase("sqlite:///" + copy, "jdbc:sqlite:" + copy, () -> {
			remove(copy);
			remove(Path.of(copy + "-wal"));
			remove(Path.of(copy + "-shm"));
		});
	}

	/**
	 * A database on the PostgreSQL server {@link #DEFAULT_POSTGRES_SERVER}, dropped on close.
	 * @return the database
	 */
	public static WebuiTestDatabase postgresql() {
		return postgresql(DEFAULT_POSTGRES_SERVER);
	}

	/**
	 * A database on a PostgreSQL server, dropped on close.
	 * @param server the server, as a {@code DATABASE_URL} of a database the user may connect to
	 *        and create databases from (e.g. {@code postgresql://postgres@127.0.0.1:5432/postgres})
	 * @return the database
	 */
	public static WebuiTestDatabase postgresql(String server) {
		return PostgresTemplate.of(server).copy();
	}

	private static void remove(Path path) {
		try {
			if (Files.isDirectory(path)) {
				try (var files = Files.list(path)) {
					for (Path file : files.toList()) {
						Files.deleteIfExists(file);
					}
				}
			}
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			// a test database left in a temporary directory does no harm
		}
	}

}
