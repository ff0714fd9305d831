package io.github.webuimigrations.database;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Resolves open-webui's settings to a {@link ConnectionTarget}, accepting every URL form
 * upstream accepts: {@code DATABASE_URL} as given, or composed from {@code DATABASE_TYPE},
 * {@code _USER}, {@code _PASSWORD}, {@code _HOST}, {@code _PORT} and {@code _NAME}, or the
 * default {@code sqlite:///{DATA_DIR}/webui.db}.
 *
 * @author webui-migrations
 */
public final class ConnectionTargets {

	private static final Log logger = LogFactory.getLog(ConnectionTargets.class);

	private static final String URL = "DATABASE_URL";

	private static final String SQLCIPHER_PREFIX = "sqlite+sqlcipher://";

	private static final String EXPECTED = "expected sqlite:///path, sqlite+sqlcipher:///path or "
			+ "postgresql://user:password@host:port/name";

	/** SQLAlchemy's URL grammar, so user and password split where upstream splits them. */
	private static final Pattern URL_PATTERN = Pattern.compile("(?<scheme>[\\w+]+)://"
			+ "(?:(?<user>[^:/]*)(?::(?<password>[^@]*))?@)?"
			+ "(?:(?:\\[(?<ipv6>[^/?]+)]|(?<host>[^/:?]+))?(?::(?<port>[^/?]*))?)?"
			+ "(?:/(?<database>[^?]*))?(?:\\?(?<query>.*))?", Pattern.DOTALL);

	private static final Pattern PRAGMA_VALUE = Pattern.compile("[A-Za-z0-9_+-]+");

	private static final Map<String, String> PG_PARAMETERS = Map.of("application_name", "ApplicationName",
			"connect_timeout", "connectTimeout");

	private ConnectionTargets() {
	}

	/**
	 * Resolve the settings to a connection target.
	 * @param properties the settings
	 * @return where and how to connect
	 * @throws DatabaseSettingsException if the settings cannot be used
	 */
	public static ConnectionTarget resolve(DatabaseProperties properties) {
		return resolve(properties, SettingNames.VARIABLES);
	}

	/**
	 * Resolve the settings to a connection target, naming settings in messages as the user
	 * set them.
	 * @param properties the settings
	 * @param names how to name a setting in a message
	 * @return where and how to connect
	 * @throws DatabaseSettingsException if the settings cannot be used
	 */
	public static ConnectionTarget resolve(DatabaseProperties properties, SettingNames names) {
		if (composable(properties)) {
			return postgresFromParts(properties, names);
		}
		String url = properties.getUrl();
		if (url == null || url.isBlank()) {
			Path dataDir = prepareDataDir(properties.getDataDir(), names);
			if ("sqlite+sqlcipher".equals(properties.getType())) {
				return sqlite(dataDir.resolve("webui.db"), true, properties, names.of("DATABASE_TYPE"), names);
			}
			return sqlite(dataDir.resolve("webui.db"), false, properties, names.of("DATA_DIR"), names);
		}
		// upstream rewrites the scheme by plain substring replacement; only the scheme is meant
		if (url.startsWith("postgres://")) {
			url = "postgresql://" + url.substring("postgres://".length());
		}
		if (url.startsWith(SQLCIPHER_PREFIX)) {
			// the path as open-webui's engine and peewee read it: everything after the prefix
			String path = stripQuery(url.substring(SQLCIPHER_PREFIX.length()));
			return sqlite(existingParent(path, names), true, properties, names.of(URL), names);
		}
		Matcher matcher = URL_PATTERN.matcher(url);
		if (!matcher.matches()) {
			throw new DatabaseSettingsException(names.of(URL) + " is malformed: " + EXPECTED);
		}
		String scheme = matcher.group("scheme").toLowerCase(Locale.ROOT);
		if (scheme.equals("sqlite") || scheme.startsWith("sqlite+")) {
			String database = matcher.group("database");
			if (database == null || database.isEmpty() || database.equals(":memory:")) {
				throw new DatabaseSettingsException(names.of(URL)
						+ " names an in-memory SQLite database, which would vanish with its connection: "
						+ "give a file, e.g. sqlite:///data/webui.db");
			}
			return sqlite(existingParent(database, names), false, properties, names.of(URL), names);
		}
		if (scheme.equals("postgresql") || scheme.startsWith("postgresql+")) {
			return postgresFromUrl(matcher, properties, names);
		}
		throw new DatabaseSettingsException(names.of(URL) + " uses the unsupported scheme '" + scheme
				+ "': open-webui supports SQLite and PostgreSQL only (" + EXPECTED + ")");
	}

	/**
	 * Resolve Spring's own data source settings ({@code spring.datasource.url}, a JDBC URL) to a
	 * connection target, the dialect read from the URL; the open-webui settings that are not
	 * about where the database is (SQLite PRAGMAs, {@code DATABASE_SCHEMA}, the pool) still apply.
	 * @param jdbcUrl {@code jdbc:sqlite:<file>} or {@code jdbc:postgresql://host:port/name}
	 * @param username {@code spring.datasource.username}, or {@code null}
	 * @param password {@code spring.datasource.password}, or {@code null}
	 * @param properties the open-webui settings
	 * @return where and how to connect
	 * @throws DatabaseSettingsException if the URL cannot be used
	 */
	public static ConnectionTarget fromJdbcUrl(String jdbcUrl, String username, String password,
			DatabaseProperties properties) {
		String setting = "spring.datasource.url";
		String url = jdbcUrl.strip();
		SettingNames names = SettingNames.VARIABLES;
		if (url.startsWith("jdbc:sqlite:")) {
			String path = stripQuery(url.substring("jdbc:sqlite:".length()));
			path = path.startsWith("file:") ? path.substring("file:".length()) : path;
			if (path.isEmpty() || path.equals(":memory:") || path.startsWith(":resource:")) {
				throw new DatabaseSettingsException(setting + " names an in-memory SQLite database, which would vanish "
						+ "with its connection: give a file, e.g. jdbc:sqlite:data/webui.db");
			}
			Path file = Path.of(path).toAbsolutePath().normalize();
			if (file.getParent() != null && !Files.isDirectory(file.getParent())) {
				throw new DatabaseSettingsException(setting + ": the directory " + file.getParent() + " of the SQLite "
						+ "database does not exist");
			}
			return sqlite(file, false, properties, setting, names);
		}
		Matcher matcher = URL_PATTERN.matcher(url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url);
		if (!url.startsWith("jdbc:postgresql://") || !matcher.matches()) {
			String scheme = url.startsWith("jdbc:") ? url.substring(5, Math.max(5, url.indexOf(':', 5))) : url;
			throw new DatabaseSettingsException(setting + " is for '" + scheme + "': open-webui's schema is defined for "
					+ "SQLite and PostgreSQL only (jdbc:sqlite:<file> or jdbc:postgresql://host:port/name)");
		}
		Properties connection = new Properties();
		if (notEmpty(username)) {
			connection.setProperty("user", username);
		}
		if (notEmpty(password)) {
			connection.setProperty("password", password);
		}
		String host = (matcher.group("ipv6") != null) ? "[" + matcher.group("ipv6") + "]" : matcher.group("host");
		String database = (matcher.group("database") != null) ? decode(matcher.group("database")) : "";
		Map<String, String> query = query(matcher.group("query"));
		// JDBC's own names for what upstream's URL carries in its user part
		String user = query.remove("user");
		if (user != null && !connection.containsKey("user")) {
			connection.setProperty("user", user);
		}
		String secret = query.remove("password");
		if (secret != null && !connection.containsKey("password")) {
			connection.setProperty("password", secret);
		}
		return postgres(host, matcher.group("port"), database, connection, query, properties, setting, names);
	}

	private static boolean composable(DatabaseProperties p) {
		return notEmpty(p.getType()) && notEmpty(p.getUser()) && notEmpty(p.getHost()) && notEmpty(p.getPort())
				&& notEmpty(p.getName());
	}

	private static ConnectionTarget postgresFromParts(DatabaseProperties p, SettingNames names) {
		String type = p.getType().toLowerCase(Locale.ROOT);
		if (!(type.startsWith("postgres"))) {
			throw new DatabaseSettingsException(names.of("DATABASE_TYPE") + " '" + p.getType()
					+ "' cannot be combined with DATABASE_HOST/PORT/NAME: only postgresql is a server database");
		}
		Properties connection = new Properties();
		connection.setProperty("user", p.getUser());
		if (notEmpty(p.getPassword())) {
			connection.setProperty("password", p.getPassword());
		}
		return postgres(p.getHost(), p.getPort(), p.getName(), connection, Map.of(), p, names.of("DATABASE_HOST"), names);
	}

	private static ConnectionTarget postgresFromUrl(Matcher matcher, DatabaseProperties p, SettingNames names) {
		Properties connection = new Properties();
		String user = matcher.group("user");
		if (notEmpty(user)) {
			connection.setProperty("user", decode(user));
		}
		String password = matcher.group("password");
		if (password != null) {
			connection.setProperty("password", decode(password));
		}
		String host = (matcher.group("ipv6") != null) ? "[" + matcher.group("ipv6") + "]" : matcher.group("host");
		String database = (matcher.group("database") != null) ? decode(matcher.group("database")) : "";
		return postgres(host, matcher.group("port"), database, connection, query(matcher.group("query")), p,
				names.of(URL), names);
	}

	private static ConnectionTarget postgres(String host, String port, String database, Properties connection,
			Map<String, String> query, DatabaseProperties p, String setting, SettingNames names) {
		String resolvedHost = notEmpty(host) ? host : "localhost";
		int resolvedPort = 5432;
		if (notEmpty(port)) {
			try {
				resolvedPort = Integer.parseInt(port.strip());
			}
			catch (NumberFormatException ex) {
				throw new DatabaseSettingsException(setting + ": the port '" + port + "' is not a number");
			}
		}
		Map<String, String> parameters = new LinkedHashMap<>(query);
		String sslMode = parameters.remove("sslmode");
		String ssl = parameters.remove("ssl");
		if (sslMode == null) {
			sslMode = ssl;
		}
		if (notEmpty(sslMode)) {
			connection.setProperty("sslmode", switch (sslMode.toLowerCase(Locale.ROOT)) {
				case "true", "1" -> "require";
				case "false", "0" -> "disable";
				default -> sslMode;
			});
		}
		if (parameters.containsKey("sslcrl")) {
			throw new DatabaseSettingsException(setting
					+ ": sslcrl is not supported by the PostgreSQL JDBC driver; remove it or check revocation "
					+ "on the server side");
		}
		parameters.forEach((key, value) -> {
			if (notEmpty(value)) {
				connection.setProperty(PG_PARAMETERS.getOrDefault(key, key), value);
			}
		});
		if (notEmpty(p.getSchema())) {
			connection.setProperty("currentSchema", p.getSchema());
		}
		String jdbcUrl = "jdbc:postgresql://" + resolvedHost + ":" + resolvedPort + "/" + encodePath(database);
		String user = connection.getProperty("user", "");
		String description = "PostgreSQL database " + (user.isEmpty() ? "" : user + "@") + resolvedHost + ":"
				+ resolvedPort + "/" + database;
		return new ConnectionTarget(Dialect.POSTGRESQL, false, jdbcUrl, null, connection, description, setting, names);
	}

	private static ConnectionTarget sqlite(Path file, boolean encrypted, DatabaseProperties p, String setting,
			SettingNames names) {
		DatabaseProperties.Sqlite sqlite = p.getSqlite();
		Properties connection = new Properties();
		if (encrypted) {
			if (p.getPassword() == null || p.getPassword().isBlank()) {
				throw new DatabaseSettingsException(
						names.of("DATABASE_PASSWORD") + " is required: it is the key of the sqlite+sqlcipher:// database " + file);
			}
			int compatibility = sqlite.getSqlcipherCompatibility();
			if (compatibility != 3 && compatibility != 4) {
				throw new DatabaseSettingsException(names.of("DATABASE_SQLCIPHER_COMPATIBILITY") + " must be 3 or 4, not "
						+ compatibility);
			}
			connection.setProperty("cipher", "sqlcipher");
			connection.setProperty("legacy", String.valueOf(compatibility));
			connection.setProperty("key", p.getPassword());
		}
		checkPragma(names.of("DATABASE_SQLITE_PRAGMA_SYNCHRONOUS"), sqlite.getSynchronous());
		checkPragma(names.of("DATABASE_SQLITE_PRAGMA_BUSY_TIMEOUT"), sqlite.getBusyTimeout());
		checkPragma(names.of("DATABASE_SQLITE_PRAGMA_CACHE_SIZE"), sqlite.getCacheSize());
		checkPragma(names.of("DATABASE_SQLITE_PRAGMA_TEMP_STORE"), sqlite.getTempStore());
		checkPragma(names.of("DATABASE_SQLITE_PRAGMA_MMAP_SIZE"), sqlite.getMmapSize());
		checkPragma(names.of("DATABASE_SQLITE_PRAGMA_JOURNAL_SIZE_LIMIT"), sqlite.getJournalSizeLimit());
		String description = (encrypted ? "SQLCipher " + sqlite.getSqlcipherCompatibility() + " database " : "SQLite database ")
				+ file;
		return new ConnectionTarget(Dialect.SQLITE, encrypted, "jdbc:sqlite:" + file, file, connection, description,
				setting, names);
	}

	private static void checkPragma(String setting, String value) {
		if (notEmpty(value) && !PRAGMA_VALUE.matcher(value).matches()) {
			throw new DatabaseSettingsException(setting + " '" + value
					+ "' is not a PRAGMA value (letters, digits, '-' and '_' only; empty skips the PRAGMA)");
		}
	}

	private static Path existingParent(String path, SettingNames names) {
		Path file = Path.of(path).toAbsolutePath().normalize();
		Path parent = file.getParent();
		if (parent != null && !Files.isDirectory(parent)) {
			throw new DatabaseSettingsException(names.of(URL) + ": the directory " + parent + " of the SQLite database "
					+ "does not exist");
		}
		return file;
	}

	private static Path prepareDataDir(Path dataDir, SettingNames names) {
		Path dir = dataDir.toAbsolutePath().normalize();
		try {
			Files.createDirectories(dir);
			// open-webui's one-time rename of the Ollama WebUI database; never over an existing file
			Path ollama = dir.resolve("ollama.db");
			Path webui = dir.resolve("webui.db");
			if (Files.exists(ollama) && !Files.exists(webui)) {
				Files.move(ollama, webui);
				logger.info("Renamed " + ollama + " to " + webui + ", as open-webui does");
			}
		}
		catch (IOException ex) {
			throw new DatabaseSettingsException(names.of("DATA_DIR") + " " + dir + " cannot be used: " + ex.getMessage(), ex);
		}
		return dir;
	}

	private static Map<String, String> query(String query) {
		Map<String, String> parameters = new LinkedHashMap<>();
		if (query == null || query.isEmpty()) {
			return parameters;
		}
		for (String pair : query.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String key = decode((equals < 0) ? pair : pair.substring(0, equals));
			String value = (equals < 0) ? "" : decode(pair.substring(equals + 1));
			// the first value wins, as upstream's SSL normalisation takes the first
			parameters.putIfAbsent(key, value);
		}
		return parameters;
	}

	private static String stripQuery(String path) {
		int question = path.indexOf('?');
		return (question < 0) ? path : path.substring(0, question);
	}

	private static String decode(String value) {
		return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

	private static String encodePath(String database) {
		return URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static boolean notEmpty(String value) {
		return value != null && !value.isEmpty();
	}

}
