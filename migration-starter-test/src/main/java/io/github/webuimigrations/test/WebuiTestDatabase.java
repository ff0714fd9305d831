package io.github.webuimigrations.test;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import io.github.webuimigrations.database.ConnectionFactory;
import io.github.webuimigrations.database.ConnectionTargets;
import io.github.webuimigrations.database.DatabaseProperties;

/**
 * An open-webui database at head for one test, made by {@link WebuiTestDatabases}: hand its
 * {@link #url()} to the application ({@code webui.database.url}) and close it when the test is
 * done (the file or the database is removed).
 *
 * @author webui-migrations
 */
public final class WebuiTestDatabase implements AutoCloseable {

	private final String url;

	private final String jdbcUrl;

	private final Runnable remove;

	WebuiTestDatabase(String url, String jdbcUrl, Runnable remove) {
		this.url = url;
		this.jdbcUrl = jdbcUrl;
		this.remove = remove;
	}

	/**
	 * The database as open-webui's {@code DATABASE_URL}, for {@code webui.database.url}.
	 * @return the URL
	 */
	public String url() {
		return this.url;
	}

	/**
	 * The database as a JDBC URL, for {@code spring.datasource.url}.
	 * @return the URL
	 */
	public String jdbcUrl() {
		return this.jdbcUrl;
	}

	/**
	 * Connections to the database, not pooled: for a test's own reads and writes.
	 * @return the data source
	 */
	public DataSource dataSource() {
		DatabaseProperties properties = new DatabaseProperties();
		properties.setUrl(this.url);
		return new ConnectionFactory(ConnectionTargets.resolve(properties), properties.getSqlite());
	}

	/**
	 * A connection to the database.
	 * @return the connection
	 * @throws SQLException if it cannot be opened
	 */
	public Connection connection() throws SQLException {
		return dataSource().getConnection();
	}

	/** Removes the database: the SQLite file, or the PostgreSQL database. */
	@Override
	public void close() {
		this.remove.run();
	}

	@Override
	public String toString() {
		return this.url.replaceAll("://[^@/]*:[^@/]*@", "://***@");
	}

}
