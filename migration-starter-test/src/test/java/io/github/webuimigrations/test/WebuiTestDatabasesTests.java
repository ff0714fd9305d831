package io.github.webuimigrations.test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.webuimigrations.orchestration.DatabaseMigrator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each test gets a database of its own at head, a copy of a template migrated once; what a copy
 * costs is printed (a figure, not an assertion: see the README).
 *
 * @author webui-migrations
 */
class WebuiTestDatabasesTests {

	@TempDir
	Path directory;

	@Test
	void sqliteCopiesAreAtHeadAndApart() throws Exception {
		try (WebuiTestDatabase first = WebuiTestDatabases.sqlite();
				WebuiTestDatabase second = WebuiTestDatabases.sqlite(this.directory.resolve("mine.db"))) {
			assertApartAndAtHead(first, second);
		}
		assertThat(this.directory.resolve("mine.db")).doesNotExist();
		report("SQLite", WebuiTestDatabases::sqlite, 0);
		report("SQLite", WebuiTestDatabases::sqlite, 300);
	}

	@Test
	void postgresqlCopiesAreAtHeadAndApart() throws Exception {
		try (WebuiTestDatabase first = WebuiTestDatabases.postgresql();
				WebuiTestDatabase second = WebuiTestDatabases.postgresql()) {
			assertApartAndAtHead(first, second);
			assertThat(first.jdbcUrl()).startsWith("jdbc:postgresql://").contains("?user=postgres");
		}
		report("PostgreSQL", WebuiTestDatabases::postgresql, 0);
		report("PostgreSQL", WebuiTestDatabases::postgresql, 300);
	}

	private static void assertApartAndAtHead(WebuiTestDatabase first, WebuiTestDatabase second) throws SQLException {
		for (WebuiTestDatabase database : List.of(first, second)) {
			assertThat(DatabaseMigrator.configure(database.dataSource()).load().status().isUpToDate()).isTrue();
		}
		try (Connection connection = first.connection(); Statement statement = connection.createStatement()) {
			statement.execute("INSERT INTO \"user\" (id, name, email, role, profile_image_url, created_at, updated_at, "
					+ "last_active_at) VALUES ('u1', 'Ada', 'ada@example.com', 'admin', '', 1, 1, 1)");
		}
		assertThat(users(first)).isEqualTo(1);
		assertThat(users(second)).isZero();
	}

	private static int users(WebuiTestDatabase database) throws SQLException {
		try (Connection connection = database.connection(); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT count(*) FROM \"user\"")) {
			rows.next();
			return rows.getInt(1);
		}
	}

	/**
	 * What a test pays for its database: a copy each, as a test run takes them one after another,
	 * each test doing {@code work} ms of its own (behind which the next copy is made on PostgreSQL).
	 */
	private static void report(String dialect, Supplier<WebuiTestDatabase> copies, long work) {
		List<Long> micros = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			long start = System.nanoTime();
			try (WebuiTestDatabase database = copies.get()) {
				micros.add((System.nanoTime() - start) / 1000);
				sleep(work);
			}
		}
		List<Long> sorted = micros.stream().sorted().toList();
		System.out.printf("[test databases] %s: a copy per test, 20 tests of %d ms each: median %.1f ms, max %.1f ms%n",
				dialect, work, sorted.get(10) / 1000.0, sorted.get(19) / 1000.0);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
