package io.github.webuimigrations.autoconfigure;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.webuimigrations.actuate.MigrationsEndpoint;
import io.github.webuimigrations.actuate.MigrationsHealthIndicator;
import io.github.webuimigrations.orchestration.DatabaseMigrator;

/**
 * Auto-configuration of the {@code migrations} actuator endpoint and health contributor,
 * when the application has the actuator.
 *
 * @author webui-migrations
 */
@AutoConfiguration(after = WebuiMigrationsAutoConfiguration.class)
@ConditionalOnBean(DatabaseMigrator.class)
public final class WebuiMigrationsActuatorAutoConfiguration {

	// the class checks sit one level above the conditions whose classes they guard
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
	static class EndpointConfiguration {

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnAvailableEndpoint(MigrationsEndpoint.class)
		static class AvailableEndpointConfiguration {

			@Bean
			@ConditionalOnMissingBean
			MigrationsEndpoint migrationsEndpoint(DatabaseMigrator databaseMigrator) {
				return new MigrationsEndpoint(databaseMigrator);
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
	static class HealthConfiguration {

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnEnabledHealthIndicator("migrations")
		static class EnabledHealthConfiguration {

			@Bean
			@ConditionalOnMissingBean(name = "migrationsHealthIndicator")
			MigrationsHealthIndicator migrationsHealthIndicator(DatabaseMigrator databaseMigrator) {
				return new MigrationsHealthIndicator(databaseMigrator);
			}

		}

	}

}
