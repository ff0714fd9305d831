package io.github.webuimigrations.database;

import java.nio.file.Path;
import java.util.Properties;

/**
 * Where an open-webui database lives and how to open it, resolved from the settings.
 * Secrets stay in {@link #properties()}: the JDBC URL and the description never hold them,
 * so both are safe to log.
 *
 * @param dialect SQLite or PostgreSQL
 * @param encrypted whether the SQLite file is SQLCipher-encrypted
 * @param jdbcUrl JDBC URL without credentials
 * @param file the SQLite file, or {@code null} for PostgreSQL
 * @param properties driver properties: credentials, SSL, cipher settings
 * @param description a human description without secrets, for messages
 * @param setting the setting the target came from, named as the user set it, for messages
 * @param names how messages name the other settings
 * @author webui-migrations
 */
public record ConnectionTarget(Dialect dialect, boolean encrypted, String jdbcUrl, Path file, Properties properties,
		String description, String setting, SettingNames names) {

	/**
	 * The password or SQLCipher key, or {@code null}.
	 * @return the secret that messages must not contain
	 */
	public String secret() {
		String password = this.properties.getProperty("password");
		return (password != null) ? password : this.properties.getProperty("key");
	}

	/**
	 * A message with every occurrence of the secret replaced.
	 * @param message any text, e.g. from a driver exception
	 * @return the text without the secret
	 */
	public String redact(String message) {
		String secret = secret();
		if (message == null || secret == null || secret.isEmpty()) {
			return message;
		}
		return message.replace(secret, "******");
	}

	@Override
	public String toString() {
		return this.description;
	}

}
