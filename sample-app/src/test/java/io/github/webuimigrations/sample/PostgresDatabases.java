package io.github.webuimigrations.sample;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

/**
 * A database of its own on the local PostgreSQL server for one test; under {@code CI=true}
 * a missing server fails the test.
 */
final class PostgresDatabases {

	static final String HOST = System.getenv().getOrDefault("TEST_POSTGRES_HOST", "127.0.0.1");

	static final String PORT = System.getenv().getOrDefault("TEST_POSTGRES_PORT", "5432");

	private PostgresDatabases() {
	}

	static String create() {
		String name = "wm_app_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		SQLException unreachable = null;
		try (Connection admin = admin(); Statement statement = admin.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			unreachable = ex;
		}
		if (unreachable != null && "true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException("PostgreSQL must be reachable under CI=true", unreachable);
		}
		// outside CI a machine without a PostgreSQL server still runs the SQLite tests
		Assumptions.assumeTrue(unreachable == null, "no PostgreSQL server at " + HOST + ":" + PORT);
		return name;
	}

	static String url(String name) {
		return "postgresql://postgres@" + HOST + ":" + PORT + "/" + name;
	}

	static void drop(String name) throws SQLException {
		try (Connection admin = admin(); Statement statement = admin.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
		}
	}

	private static Connection admin() throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", "postgres");
		return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/postgres", properties);
	}

}
