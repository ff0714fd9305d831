package io.github.webuimigrations.database;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * open-webui's environment variables set the starter's properties, with upstream's parsing.
 */
class OpenWebuiEnvironmentPostProcessorTests {

	private DatabaseProperties bind(Map<String, Object> variables, Map<String, Object> applicationYml) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		environment.getPropertySources().addLast(new MapPropertySource("application.yml", applicationYml));
		new OpenWebuiEnvironmentPostProcessor(new DeferredLogs()).postProcessEnvironment(environment,
				new SpringApplication());
		return Binder.get(environment).bindOrCreate("webui.database", DatabaseProperties.class);
	}

	@Test
	void everyUpstreamVariableIsHonouredAsWritten() {
		Map<String, Object> variables = new HashMap<>();
		variables.put("DATABASE_URL", "postgresql://u@h/db");
		variables.put("DATABASE_PASSWORD", "pw");
		variables.put("DATABASE_SCHEMA", "webui");
		variables.put("DATA_DIR", "/var/data");
		variables.put("DATABASE_POOL_SIZE", " 8 ");
		variables.put("DATABASE_POOL_MAX_OVERFLOW", "4");
		variables.put("DATABASE_POOL_TIMEOUT", "12");
		variables.put("DATABASE_POOL_RECYCLE", "-1");
		variables.put("DATABASE_ENABLE_SQLITE_WAL", "TRUE");
		variables.put("DATABASE_SQLITE_PRAGMA_SYNCHRONOUS", "FULL");
		variables.put("DATABASE_SQLITE_PRAGMA_CACHE_SIZE", "");
		DatabaseProperties properties = bind(variables, Map.of());
		assertThat(properties.getUrl()).isEqualTo("postgresql://u@h/db");
		assertThat(properties.getPassword()).isEqualTo("pw");
		assertThat(properties.getSchema()).isEqualTo("webui");
		assertThat(properties.getDataDir()).hasToString("/var/data");
		assertThat(properties.getPool().getSize()).isEqualTo(8);
		assertThat(properties.getPool().getMaxOverflow()).isEqualTo(4);
		assertThat(properties.getPool().getTimeout()).hasSeconds(12);
		assertThat(properties.getPool().getRecycle()).hasSeconds(-1);
		assertThat(properties.getSqlite().isWal()).isTrue();
		assertThat(properties.getSqlite().getSynchronous()).isEqualTo("FULL");
		assertThat(properties.getSqlite().getCacheSize()).isEmpty();
	}

	@Test
	void unparsableNumbersFallBackToTheDefaultAndAnythingButTrueIsFalse() {
		DatabaseProperties properties = bind(Map.of("DATABASE_POOL_SIZE", "lots", "DATABASE_POOL_TIMEOUT", "",
				"DATABASE_ENABLE_SQLITE_WAL", "yes"), Map.of());
		assertThat(properties.getPool().getSize()).isNull();
		assertThat(properties.getPool().getTimeout()).hasSeconds(30);
		assertThat(properties.getSqlite().isWal()).isFalse();
	}

	@Test
	void environmentWinsOverApplicationYmlWhichWorksAlone() {
		assertThat(bind(Map.of("DATABASE_URL", "sqlite:///env.db"), Map.of("webui.database.url", "sqlite:///yml.db"))
			.getUrl()).isEqualTo("sqlite:///env.db");
		assertThat(bind(Map.of(), Map.of("webui.database.url", "sqlite:///yml.db", "webui.database.pool.max-overflow", "3"))
			.getPool()
			.getMaxOverflow()).isEqualTo(3);
	}

	@Test
	void enableDbMigrationsMapsToTheMigrationsSwitch() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							Map.of("ENABLE_DB_MIGRATIONS", "False")));
		new OpenWebuiEnvironmentPostProcessor(new DeferredLogs()).postProcessEnvironment(environment,
				new SpringApplication());
		assertThat(environment.getProperty("webui.migrations.enabled")).isEqualTo("false");
	}

}
