package io.github.webuimigrations.autoconfigure;

import java.util.Map;

import liquibase.Liquibase;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Flyway's and Liquibase's own lines (schema checks, change sets, update summaries) are
 * logged at WARN and above only: the starter logs one line per migration and one per run. A
 * revision that fails is reported by the starter, in one line with its cause, so Liquibase's own
 * report of it (a stack trace, from its {@code changelog} logger) is off, as is Flyway's report
 * of the rollback that a lost connection makes impossible, and Liquibase's reports of a lock row it
 * could not release after such a failure (a full disk, a lost connection: its {@code lockservice}
 * and {@code command} loggers), a row the next start clears.
 * Added last, so any {@code logging.level.io.github.webuimigrations.shaded.liquibase} or
 * {@code logging.level.org.flywaydb} the application sets wins.
 *
 * @author webui-migrations
 */
public class MigrationLoggingEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE_NAME = "webuiMigrationsLogging";

	/**
	 * What the starter's own Liquibase logs as: relocated inside the starter's jar (see the build), so an
	 * application's own Liquibase keeps its levels; read from the class, which the relocation renames too.
	 */
	static final String LIQUIBASE_LOGGER = Liquibase.class.getPackageName();

	/**
	 * Where Flyway reports, with a stack trace, that it could not roll back or restore autocommit
	 * after a failure: on a lost connection that is the failure's echo, and the failure itself is
	 * reported in one line.
	 */
	static final String FLYWAY_ROLLBACK = "org.flywaydb.core.internal.jdbc.TransactionalExecutionTemplate";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		environment.getPropertySources()
			.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME,
					Map.of("logging.level." + LIQUIBASE_LOGGER, "WARN", "logging.level." + LIQUIBASE_LOGGER + ".changelog",
							"OFF", "logging.level." + LIQUIBASE_LOGGER + ".lockservice", "OFF",
							"logging.level." + LIQUIBASE_LOGGER + ".command", "OFF", "logging.level.org.flywaydb", "WARN",
							"logging.level." + FLYWAY_ROLLBACK, "OFF")));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
