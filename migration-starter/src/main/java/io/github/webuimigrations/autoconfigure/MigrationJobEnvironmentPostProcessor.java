package io.github.webuimigrations.autoconfigure;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import io.github.webuimigrations.orchestration.StartupMode;

/**
 * In mode {@code migrate-and-exit} the application is a one-off job: it starts no web server
 * (no port to bind, nothing to serve) and creates only the beans the migration needs (lazy
 * initialisation), unless {@code spring.main.web-application-type} or
 * {@code spring.main.lazy-initialization} say otherwise. An application that serves no web
 * requests (such a job, or a non-web application) lets the one-pass chat rewrite take the
 * database for itself ({@code webui.migrations.exclusive-chat-rewrite}) unless it says otherwise.
 *
 * @author webui-migrations
 */
public class MigrationJobEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	private static final String EXCLUSIVE_CHAT_REWRITE = "webui.migrations.exclusive-chat-rewrite";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		// added last: whatever the application sets wins
		if (StartupModes.of(Binder.get(environment)) == StartupMode.MIGRATE_AND_EXIT) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("webuiMigrationJob", Map.of("spring.main.web-application-type", "none",
						"spring.main.lazy-initialization", "true", EXCLUSIVE_CHAT_REWRITE, "true")));
		}
		else if (application.getWebApplicationType() == WebApplicationType.NONE
				|| "none".equalsIgnoreCase(environment.getProperty("spring.main.web-application-type"))) {
			// nothing serves requests while the start-up migration or a command runs
			environment.getPropertySources()
				.addLast(new MapPropertySource("webuiMigrationJob", Map.of(EXCLUSIVE_CHAT_REWRITE, "true")));
		}
	}

	@Override
	public int getOrder() {
		// after OpenWebuiEnvironmentPostProcessor has mapped ENABLE_DB_MIGRATIONS
		return Ordered.LOWEST_PRECEDENCE;
	}

}
