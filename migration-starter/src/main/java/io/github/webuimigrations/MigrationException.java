package io.github.webuimigrations;

/**
 * A migration that failed or was refused. The message is one line that says what failed
 * and in what state the database was left; it never contains a password.
 *
 * @author webui-migrations
 */
public class MigrationException extends RuntimeException {

	public MigrationException(String message) {
		super(message);
	}

	public MigrationException(String message, Throwable cause) {
		super(message, cause);
	}

}
