package io.github.webuimigrations.database;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.springframework.util.ClassUtils;

/**
 * A non-pooling {@link DataSource} that opens connections to a {@link ConnectionTarget} and
 * prepares each new SQLite connection as open-webui does: the SQLCipher key first, then the
 * journal mode and the other PRAGMAs in upstream's order. A pool wraps it, or it is used
 * as is where upstream uses no pool.
 *
 * @author webui-migrations
 */
public class ConnectionFactory implements DataSource {

	private final ConnectionTarget target;

	private final List<String> pragmas;

	/** The SQLCipher-capable driver (SQLite3MultipleCiphers) has this class; xerial's has not. */
	private static final String SQLCIPHER_DRIVER_CLASS = "org.sqlite.mc.SQLiteMCConfig";

	/** The artifact that brings the starter with the SQLCipher-capable driver. */
	public static final String SQLCIPHER_ARTIFACT = "io.github.webuimigrations:migration-starter-sqlcipher";

	/**
	 * Create a factory.
	 * @param target where to connect
	 * @param sqlite the SQLite settings (PRAGMAs)
	 * @throws DatabaseSettingsException if the target is encrypted and the SQLite driver on
	 * the class path cannot encrypt
	 */
	public ConnectionFactory(ConnectionTarget target, DatabaseProperties.Sqlite sqlite) {
		if (target.encrypted() && !ClassUtils.isPresent(SQLCIPHER_DRIVER_CLASS, ConnectionFactory.class.getClassLoader())) {
			throw new DatabaseSettingsException(target.setting() + " asks for a SQLCipher-encrypted database, but the "
					+ "SQLite driver on the class path (org.xerial:sqlite-jdbc) cannot encrypt: depend on "
					+ SQLCIPHER_ARTIFACT + " instead of io.github.webuimigrations:migration-starter");
		}
		this.target = target;
		this.pragmas = (target.dialect() == Dialect.SQLITE) ? pragmas(sqlite, target.encrypted()) : List.of();
	}

	private static List<String> pragmas(DatabaseProperties.Sqlite sqlite, boolean encrypted) {
		List<String> pragmas = new ArrayList<>();
		pragmas.add("journal_mode=" + (sqlite.isWal() ? "WAL" : "DELETE"));
		add(pragmas, "synchronous", sqlite.getSynchronous());
		add(pragmas, "busy_timeout", sqlite.getBusyTimeout());
		add(pragmas, "cache_size", sqlite.getCacheSize());
		add(pragmas, "temp_store", sqlite.getTempStore());
		if (!encrypted) {
			// memory-mapped pages bypass the cipher: on an encrypted file they read ciphertext
			add(pragmas, "mmap_size", sqlite.getMmapSize());
		}
		add(pragmas, "journal_size_limit", sqlite.getJournalSizeLimit());
		return List.copyOf(pragmas);
	}

	private static void add(List<String> pragmas, String name, String value) {
		if (value != null && !value.isEmpty()) {
			pragmas.add(name + "=" + value);
		}
	}

	/**
	 * The target this factory connects to.
	 * @return the connection target
	 */
	public ConnectionTarget getTarget() {
		return this.target;
	}

	/**
	 * The PRAGMAs run on each new SQLite connection, in order.
	 * @return PRAGMA assignments such as {@code journal_mode=WAL}
	 */
	public List<String> getPragmas() {
		return this.pragmas;
	}

	@Override
	public Connection getConnection() throws SQLException {
		Connection connection = DriverManager.getConnection(this.target.jdbcUrl(), this.target.properties());
		try (Statement statement = connection.createStatement()) {
			for (String pragma : this.pragmas) {
				statement.execute("PRAGMA " + pragma);
			}
			return connection;
		}
		catch (SQLException ex) {
			connection.close();
			throw ex;
		}
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		throw new SQLFeatureNotSupportedException("Credentials come from the database settings");
	}

	@Override
	public PrintWriter getLogWriter() {
		return null;
	}

	@Override
	public void setLogWriter(PrintWriter out) {
	}

	@Override
	public void setLoginTimeout(int seconds) {
	}

	@Override
	public int getLoginTimeout() {
		return 0;
	}

	@Override
	public Logger getParentLogger() throws SQLFeatureNotSupportedException {
		throw new SQLFeatureNotSupportedException();
	}

	@Override
	public <T> T unwrap(Class<T> type) throws SQLException {
		if (type.isInstance(this)) {
			return type.cast(this);
		}
		throw new SQLException(getClass().getName() + " does not wrap " + type.getName());
	}

	@Override
	public boolean isWrapperFor(Class<?> type) {
		return type.isInstance(this);
	}

	@Override
	public String toString() {
		return this.target.description();
	}

}
