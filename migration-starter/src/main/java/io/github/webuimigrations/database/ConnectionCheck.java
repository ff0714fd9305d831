package io.github.webuimigrations.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * Opens one connection and reads from it, so that a wrong SQLCipher key, a file that is not
 * a database or an unreachable server is reported as a one-line
 * {@link DatabaseSettingsException} naming the setting to fix, before any migration starts.
 *
 * @author webui-migrations
 */
public final class ConnectionCheck {

	private ConnectionCheck() {
	}

	/**
	 * Check that the database can be opened and read.
	 * @param dataSource the data source
	 * @param target where the settings point, or {@code null} for an application's own data
	 * source
	 * @throws DatabaseSettingsException if it cannot
	 */
	public static void verify(DataSource dataSource, ConnectionTarget target) {
		// straight to the driver when we know the target: a pool would retry for its whole timeout and hide the cause
		try (Connection connection = (target != null)
				? DriverManager.getConnection(target.jdbcUrl(), target.properties()) : dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			String probe = (Dialect.of(connection) == Dialect.SQLITE) ? "SELECT count(*) FROM sqlite_master"
					: "SELECT 1";
			try (ResultSet result = statement.executeQuery(probe)) {
				result.next();
			}
		}
		catch (SQLException ex) {
			throw new DatabaseSettingsException(describe(ex, target), ex);
		}
	}

	static String describe(SQLException ex, ConnectionTarget target) {
		String reason = firstLine(ex);
		if (target == null) {
			return "Cannot open the application's database: " + reason;
		}
		reason = target.redact(reason);
		String text = reason.toUpperCase(java.util.Locale.ROOT);
		if (target.dialect() == Dialect.SQLITE) {
			if (text.contains("NOTADB") || text.contains("NOT A DATABASE")) {
				if (target.encrypted()) {
					return target.names().of("DATABASE_PASSWORD") + " does not open the " + target.description()
							+ " (wrong password, or a SQLCipher " + otherVersion(target) + " file: set "
							+ target.names().of("DATABASE_SQLCIPHER_COMPATIBILITY") + "=" + otherVersion(target) + ")";
				}
				return target.setting() + ": " + target.file() + " is not a SQLite database (if it is "
						+ "SQLCipher-encrypted, use a sqlite+sqlcipher:// URL and DATABASE_PASSWORD)";
			}
			return target.setting() + ": cannot open the " + target.description() + ": " + reason
					+ readOnlyFolder(target.file());
		}
		String state = (ex.getSQLState() != null) ? ex.getSQLState() : "";
		if (state.equals("28P01") || state.equals("28000")) {
			return target.setting() + ": PostgreSQL rejected the credentials for the " + target.description() + ": "
					+ reason;
		}
		if (state.equals("3D000")) {
			return target.setting() + ": the " + target.description() + " does not exist: " + reason;
		}
		if (state.startsWith("08")) {
			return target.setting() + ": cannot reach the " + target.description() + ": " + reason;
		}
		return target.setting() + ": cannot open the " + target.description() + ": " + reason;
	}

	/** Why a file that is there does not open: its folder cannot be written, which SQLite needs even to read. */
	private static String readOnlyFolder(Path file) {
		Path folder = (file != null) ? file.toAbsolutePath().getParent() : null;
		if (folder == null || !Files.exists(file)) {
			return "";
		}
		try {
			if (Files.getFileStore(folder).isReadOnly() || !Files.isWritable(folder)) {
				return " (" + folder + " is read-only: SQLite writes its -wal and -shm files beside the database even "
						+ "to read it; make it writable)";
			}
		}
		catch (IOException ex) {
			// nothing more to say
		}
		return "";
	}

	private static String otherVersion(ConnectionTarget target) {
		return "3".equals(target.properties().getProperty("legacy")) ? "4" : "3";
	}

	private static String firstLine(Throwable ex) {
		String message = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
		return message.lines().findFirst().orElse(message).strip();
	}

}
