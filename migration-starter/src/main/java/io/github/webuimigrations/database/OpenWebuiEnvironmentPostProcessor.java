package io.github.webuimigrations.database;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Makes open-webui's own environment variables ({@code DATABASE_URL},
 * {@code DATABASE_POOL_MAX_OVERFLOW}, {@code ENABLE_DB_MIGRATIONS}, ...) set the starter's
 * properties, with upstream's parsing: an unparsable number falls back to the default and a
 * boolean is true only for "true" in any case. The mapped values rank just below the
 * environment itself, above {@code application.yml}.
 *
 * @author webui-migrations
 */
public class OpenWebuiEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/**
	 * Name of the property source holding the mapped variables.
	 */
	public static final String PROPERTY_SOURCE_NAME = "openWebuiEnvironment";

	private static final Map<String, String> STRINGS = new LinkedHashMap<>();

	private static final Map<String, String> NUMBERS = new LinkedHashMap<>();

	private static final Map<String, String> BOOLEANS = new LinkedHashMap<>();

	static {
		STRINGS.put("DATABASE_URL", "webui.database.url");
		STRINGS.put("DATABASE_TYPE", "webui.database.type");
		STRINGS.put("DATABASE_USER", "webui.database.user");
		STRINGS.put("DATABASE_PASSWORD", "webui.database.password");
		STRINGS.put("DATABASE_HOST", "webui.database.host");
		STRINGS.put("DATABASE_PORT", "webui.database.port");
		STRINGS.put("DATABASE_NAME", "webui.database.name");
		STRINGS.put("DATABASE_SCHEMA", "webui.database.schema");
		STRINGS.put("DATA_DIR", "webui.database.data-dir");
		STRINGS.put("DATABASE_SQLITE_PRAGMA_SYNCHRONOUS", "webui.database.sqlite.synchronous");
		STRINGS.put("DATABASE_SQLITE_PRAGMA_BUSY_TIMEOUT", "webui.database.sqlite.busy-timeout");
		STRINGS.put("DATABASE_SQLITE_PRAGMA_CACHE_SIZE", "webui.database.sqlite.cache-size");
		STRINGS.put("DATABASE_SQLITE_PRAGMA_TEMP_STORE", "webui.database.sqlite.temp-store");
		STRINGS.put("DATABASE_SQLITE_PRAGMA_MMAP_SIZE", "webui.database.sqlite.mmap-size");
		STRINGS.put("DATABASE_SQLITE_PRAGMA_JOURNAL_SIZE_LIMIT", "webui.database.sqlite.journal-size-limit");
		NUMBERS.put("DATABASE_POOL_SIZE", "webui.database.pool.size");
		NUMBERS.put("DATABASE_POOL_MAX_OVERFLOW", "webui.database.pool.max-overflow");
		NUMBERS.put("DATABASE_POOL_TIMEOUT", "webui.database.pool.timeout");
		NUMBERS.put("DATABASE_POOL_RECYCLE", "webui.database.pool.recycle");
		NUMBERS.put("DATABASE_SQLCIPHER_COMPATIBILITY", "webui.database.sqlite.sqlcipher-compatibility");
		BOOLEANS.put("DATABASE_ENABLE_SQLITE_WAL", "webui.database.sqlite.wal");
		BOOLEANS.put("ENABLE_DB_MIGRATIONS", "webui.migrations.enabled");
	}

	private final Log logger;

	public OpenWebuiEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(OpenWebuiEnvironmentPostProcessor.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		PropertySource<?> variables = environment.getPropertySources()
			.get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		if (variables == null) {
			return;
		}
		Map<String, Object> mapped = new LinkedHashMap<>();
		STRINGS.forEach((variable, property) -> copy(variables, variable, property, mapped, UnaryOperator.identity()));
		NUMBERS.forEach((variable, property) -> copy(variables, variable, property, mapped, this::integerOrNull));
		BOOLEANS.forEach((variable, property) -> copy(variables, variable, property, mapped,
				(value) -> String.valueOf("true".equals(value.toLowerCase(Locale.ROOT)))));
		if (!mapped.isEmpty()) {
			// origin-tracked: a message about a setting can name the variable it came from
			environment.getPropertySources()
				.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						new OriginTrackedMapPropertySource(PROPERTY_SOURCE_NAME, mapped));
		}
	}

	private void copy(PropertySource<?> variables, String variable, String property, Map<String, Object> mapped,
			UnaryOperator<String> parse) {
		Object raw = variables.getProperty(variable);
		if (raw == null) {
			return;
		}
		String value = parse.apply(raw.toString());
		if (value == null) {
			this.logger.warn(variable + " is not a whole number; using the default, as open-webui does");
			return;
		}
		mapped.put(property, OriginTrackedValue.of(value, new SystemEnvironmentOrigin(variable)));
	}

	/**
	 * The starter property an open-webui variable sets.
	 * @param variable e.g. {@code DATABASE_URL}
	 * @return e.g. {@code webui.database.url}, or {@code null} for a variable the starter does not read
	 */
	public static String propertyOf(String variable) {
		String property = STRINGS.get(variable);
		if (property == null) {
			property = NUMBERS.get(variable);
		}
		return (property != null) ? property : BOOLEANS.get(variable);
	}

	private String integerOrNull(String value) {
		try {
			return String.valueOf(Integer.parseInt(value.strip()));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	@Override
	public int getOrder() {
		// late, after the config data is loaded, and before the post-processors that read what it maps
		return Ordered.LOWEST_PRECEDENCE - 10;
	}

}
