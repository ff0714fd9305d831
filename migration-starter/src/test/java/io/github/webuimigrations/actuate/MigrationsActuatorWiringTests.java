package io.github.webuimigrations.actuate;

import java.nio.file.Path;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.webuimigrations.autoconfigure.WebuiDataSourceAutoConfiguration;
import io.github.webuimigrations.autoconfigure.WebuiMigrationsActuatorAutoConfiguration;
import io.github.webuimigrations.autoconfigure.WebuiMigrationsAutoConfiguration;
import io.github.webuimigrations.orchestration.DatabaseMigrator;
import io.github.webuimigrations.revisioned.Revisions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wiring of the endpoint, the health contributor and the metrics: present with the
 * actuator, absent without it, and backing off for the application's own beans.
 */
class MigrationsActuatorWiringTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebuiDataSourceAutoConfiguration.class,
					WebuiMigrationsAutoConfiguration.class, WebuiMigrationsActuatorAutoConfiguration.class,
					DataSourceAutoConfiguration.class, EndpointAutoConfiguration.class,
					HealthContributorAutoConfiguration.class))
			.withPropertyValues("webui.database.url=sqlite:///" + this.directory + "/x.db");
	}

	@Test
	void exposedEndpointAndHealthContributorAreDefined() {
		runner().withPropertyValues("management.endpoints.web.exposure.include=migrations,health")
			.run((context) -> assertThat(context).hasSingleBean(MigrationsEndpoint.class)
				.hasBean("migrationsHealthIndicator")
				.hasSingleBean(MigrationMetrics.class));
	}

	@Test
	void endpointIsAbsentUnlessExposed() {
		runner().run((context) -> assertThat(context).doesNotHaveBean(MigrationsEndpoint.class)
			.hasBean("migrationsHealthIndicator"));
	}

	@Test
	void healthContributorCanBeSwitchedOff() {
		runner().withPropertyValues("management.health.migrations.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("migrationsHealthIndicator"));
	}

	@Test
	void nothingOfTheActuatorWithoutIt() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebuiDataSourceAutoConfiguration.class,
					WebuiMigrationsAutoConfiguration.class, WebuiMigrationsActuatorAutoConfiguration.class,
					DataSourceAutoConfiguration.class))
			.withPropertyValues("webui.database.url=sqlite:///" + this.directory + "/x.db").withPropertyValues("management.endpoints.web.exposure.include=migrations")
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate",
					"org.springframework.boot.health", "io.micrometer"))
			.run((context) -> assertThat(context).hasSingleBean(DatabaseMigrator.class)
				.doesNotHaveBean(MigrationsEndpoint.class)
				.doesNotHaveBean("migrationsHealthIndicator")
				.doesNotHaveBean(MigrationMetrics.class));
	}

	@Test
	void backsOffForTheApplicationsOwnEndpointAndHealthIndicator() {
		runner().withPropertyValues("management.endpoints.web.exposure.include=migrations")
			.withBean("ownEndpoint", MigrationsEndpoint.class,
					() -> new MigrationsEndpoint(null))
			.withBean("migrationsHealthIndicator", MigrationsHealthIndicator.class, () -> new MigrationsHealthIndicator(null))
			.run((context) -> {
				assertThat(context).hasSingleBean(MigrationsEndpoint.class).hasBean("ownEndpoint");
				assertThat(context).getBeans(MigrationsHealthIndicator.class).hasSize(1);
			});
	}

	@Test
	void timersGoToTheApplicationsMeterRegistry() {
		runner().withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			context.getBean(DatabaseMigrator.class).migrate();
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get(MigrationMetrics.TIER_TIMER).timers()).hasSize(2);
			assertThat(registry.get(MigrationMetrics.MIGRATION_TIMER).timers()).hasSize(18 + Revisions.CHAIN.size());
		});
	}

}
