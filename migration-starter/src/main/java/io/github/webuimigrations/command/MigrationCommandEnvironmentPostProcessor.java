package io.github.webuimigrations.command;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * An application started to run a command ({@code webui.migrations.command}) does only that: no
 * start-up migration and no web server, whatever its settings say; and, unless it says
 * otherwise, only the beans the command asks for (lazy initialisation), no banner, and quiet logs.
 *
 * @author webui-migrations
 */
public class MigrationCommandEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** The property naming the command. */
	public static final String COMMAND = "webui.migrations.command";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!StringUtils.hasText(environment.getProperty(COMMAND))) {
			return;
		}
		// the command decides what runs: no start-up migration, no web server, and nothing else that would
		// read or change the schema while the application starts (JPA's validation, the application's own
		// Flyway, Liquibase or SQL scripts: they run when the application itself starts)
		environment.getPropertySources()
			.addFirst(new MapPropertySource("webuiMigrationCommand",
					Map.of("webui.migrations.enabled", "false", "spring.main.web-application-type", "none",
							"spring.jpa.hibernate.ddl-auto", "none", "spring.flyway.enabled", "false",
							"spring.liquibase.enabled", "false", "spring.sql.init.mode", "never")));
		// a command is a short job: the application's own settings win over these
		environment.getPropertySources()
			.addLast(new MapPropertySource("webuiMigrationCommandDefaults",
					Map.of("spring.main.lazy-initialization", "true", "spring.main.banner-mode", "off",
							"spring.main.log-startup-info", "false", "logging.level.root", "WARN",
							"logging.level.io.github.webuimigrations", "INFO", "logging.level.com.zaxxer.hikari", "ERROR")));
	}

	@Override
	public int getOrder() {
		// before MigrationJobEnvironmentPostProcessor, which reads the web application type
		return Ordered.LOWEST_PRECEDENCE - 1;
	}

}
