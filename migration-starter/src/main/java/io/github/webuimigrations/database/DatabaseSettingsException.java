package io.github.webuimigrations.database;

/**
 * A database setting that cannot be used. The message is one line, names the setting and
 * never contains a password.
 */
public class DatabaseSettingsException extends RuntimeException {

	public DatabaseSettingsException(String message) {
		super(message);
	}

	public DatabaseSettingsException(String message, Throwable cause) {
		super(message, cause);
	}

}
