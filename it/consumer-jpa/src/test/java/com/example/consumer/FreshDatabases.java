package com.example.consumer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** Empty databases, as a new deployment has: the migrations must build everything at start-up. */
final class FreshDatabases {

	private FreshDatabases() {
	}

	/** An empty SQLite file's URL, in a new directory. */
	static String sqlite() {
		try {
			return "sqlite:///" + Files.createTempDirectory("consumer").resolve("webui.db").toAbsolutePath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void drop(String name) {
		try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
				Statement statement = admin.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
		}
		catch (SQLException ex) {
			// the JVM is ending: a database left behind does no harm
		}
	}

	/** A new, empty database on the local PostgreSQL server, as a DATABASE_URL. */
	static String postgresql() {
		String name = "consumer_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
				Statement statement = admin.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("The consumer tests need the PostgreSQL server at 127.0.0.1:5432", ex);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(name)));
		return "postgresql://postgres@127.0.0.1:5432/" + name;
	}

}
