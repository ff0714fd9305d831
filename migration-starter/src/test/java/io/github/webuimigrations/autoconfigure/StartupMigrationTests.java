package io.github.webuimigrations.autoconfigure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import io.github.webuimigrations.MigrationBlockedException;
import io.github.webuimigrations.MigrationException;
import io.github.webuimigrations.orchestration.DatabaseMigrator;
import io.github.webuimigrations.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A whole application: migrations run at start-up, before other runners and before the
 * application is ready; a failed migration stops the start-up.
 */
class StartupMigrationTests {

	private static final String LEGACY_HEAD = "018_add_function_is_global";

	@TempDir
	Path directory;

	@Test
	void migratesBeforeOtherRunnersAndBeforeReadiness() throws Exception {
		List<String> events = new ArrayList<>();
		SpringApplication application = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.properties("webui.database.url=sqlite:///" + this.directory + "/webui.db")
			.listeners((event) -> {
				if (event instanceof AvailabilityChangeEvent<?> change && change.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
					DatabaseMigrator migrator = ((org.springframework.context.ApplicationContext) change.getSource())
						.getBean(DatabaseMigrator.class);
					events.add("ready at legacy " + migrator.status().legacyVersion());
				}
			})
			.build();
		try (ConfigurableApplicationContext context = application.run()) {
			assertThat(context.getBean(App.class).legacyAtFirstRunner).isEqualTo(LEGACY_HEAD);
		}
		assertThat(events).containsExactly("ready at legacy " + LEGACY_HEAD);
	}

	@Test
	void failedMigrationStopsTheStartUpWithAOneLineMessage() throws Exception {
		try (TestDatabase database = TestDatabase.sqlite(this.directory.resolve("webui.db"))) {
			database.execute("CREATE TABLE migratehistory (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(255) NOT NULL, "
					+ "migrated_at DATETIME NOT NULL)", "INSERT INTO migratehistory (name, migrated_at) VALUES "
							+ "('001_initial_schema', '2024-01-01 00:00:00'), ('019_add_api_key_table', '2024-01-01 00:00:00')");
			SpringApplication application = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
				.properties("webui.database.url=" + database.url())
				.build();
			assertThatExceptionOfType(RuntimeException.class).isThrownBy(application::run).satisfies((ex) -> {
				MigrationException cause = findCause(ex);
				assertThat(cause.getMessage()).startsWith("migratehistory lists '019_add_api_key_table' as migration 2")
					.doesNotContain("\n");
				FailureAnalysis analysis = new io.github.webuimigrations.orchestration.MigrationFailureAnalyzerAccess()
					.analyze(ex);
				assertThat(analysis.getDescription()).isEqualTo(cause.getMessage());
			});
		}
	}

	@Test
	void rowsThatWouldStopAMigrationStopTheStartUpBeforeAnythingChanges() throws Exception {
		try (TestDatabase database = TestDatabase.sqlite(this.directory.resolve("webui.db"))) {
			DatabaseMigrator migrator = database.migrator();
			migrator.migrate(migrator.target("3af16a1c9fb6"));
			database.execute("INSERT INTO \"user\" (id, name, email, role, profile_image_url, created_at, updated_at, "
					+ "last_active_at) VALUES ('u1', 'Ada', 'ada@example.com', 'user', '', 1, 1, 1), "
					+ "('u2', 'Ada', 'ADA@example.com', 'user', '', 2, 2, 2)");
			SpringApplication application = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
				.properties("webui.database.url=" + database.url())
				.build();
			assertThatExceptionOfType(RuntimeException.class).isThrownBy(application::run).satisfies((ex) -> {
				MigrationException cause = findCause(ex);
				assertThat(cause).isInstanceOf(MigrationBlockedException.class);
				assertThat(cause.getMessage()).startsWith("Nothing was migrated: 2 rows stop a pending migration")
					.doesNotContain("\n");
				FailureAnalysis analysis = new io.github.webuimigrations.orchestration.MigrationFailureAnalyzerAccess()
					.analyze(ex);
				assertThat(analysis.getDescription()).isEqualTo(cause.getMessage());
			});
			assertThat(migrator.status().revision()).isEqualTo("3af16a1c9fb6");
		}
	}

	private static MigrationException findCause(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof MigrationException migration) {
				return migration;
			}
		}
		throw new AssertionError("no MigrationException in " + ex);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		String legacyAtFirstRunner;

		@Bean
		@Order(0)
		ApplicationRunner firstApplicationRunner(DatabaseMigrator migrator) {
			return (args) -> this.legacyAtFirstRunner = migrator.status().legacyVersion();
		}

	}

}
