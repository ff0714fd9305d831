package io.github.webuimigrations.autoconfigure;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;

import io.github.webuimigrations.orchestration.DatabaseMigrationRunner;
import io.github.webuimigrations.orchestration.DatabaseMigrator;
import io.github.webuimigrations.orchestration.MigrationFailureAnalyzerAccess;
import io.github.webuimigrations.revisioned.Revisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The start-up modes on a whole application: migrate, validate, disabled and
 * migrate-and-exit.
 */
class StartupModeTests {

	@TempDir
	Path directory;

	private SpringApplication application(String... properties) {
		return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.properties("webui.database.url=sqlite:///" + this.directory + "/webui.db")
			.properties(properties)
			.build();
	}

	@Test
	void validateRefusesToStartOnADatabaseThatIsBehindAndChangesNothing() {
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> application("webui.migrations.mode=validate").run())
			.satisfies((ex) -> {
				FailureAnalysis analysis = new MigrationFailureAnalyzerAccess().analyze(ex);
				assertThat(analysis.getDescription())
					.startsWith("The database is not up to date (behind): legacy migration 001_initial_schema is pending")
					.doesNotContain("\n");
			});
		try (ConfigurableApplicationContext context = application("webui.migrations.mode=disabled").run()) {
			assertThat(context.getBean(DatabaseMigrator.class).status().legacyVersion()).isEqualTo("none");
		}
	}

	@Test
	void validateStartsOnAnUpToDateDatabase() {
		try (ConfigurableApplicationContext context = application().run()) {
			assertThat(context.getBean(DatabaseMigrator.class).status().revision()).isEqualTo(Revisions.HEAD);
		}
		try (ConfigurableApplicationContext context = application("webui.migrations.mode=validate").run()) {
			assertThat(context.getBean(DatabaseMigrator.class).run().phase().name()).isEqualTo("IDLE");
		}
	}

	@Test
	void disabledByModeOrByEnableDbMigrations() {
		try (ConfigurableApplicationContext context = application("webui.migrations.mode=disabled").run()) {
			assertThat(context.getBeansOfType(DatabaseMigrationRunner.class)).isEmpty();
			assertThat(context.getBean(DatabaseMigrator.class).status().legacyVersion()).isEqualTo("none");
		}
		try (ConfigurableApplicationContext context = application("webui.migrations.enabled=false",
				"webui.migrations.mode=migrate").run()) {
			assertThat(context.getBeansOfType(DatabaseMigrationRunner.class)).isEmpty();
		}
	}

	@Test
	void migrateAndExitMigratesThenClosesTheApplication() {
		ConfigurableApplicationContext context = application("webui.migrations.mode=migrate-and-exit").run();
		assertThat(context.isActive()).isFalse();
		try (ConfigurableApplicationContext after = application("webui.migrations.mode=validate").run()) {
			assertThat(after.getBean(DatabaseMigrator.class).status().revision()).isEqualTo(Revisions.HEAD);
		}
	}

	@Test
	void migrateAndExitStartsNoWebServerAndOnlyWhatItNeedsUnlessTold() {
		MockEnvironment environment = new MockEnvironment().withProperty("webui.migrations.mode", "MIGRATE_AND_EXIT");
		new MigrationJobEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.main.web-application-type")).isEqualTo("none");
		assertThat(environment.getProperty("spring.main.lazy-initialization")).isEqualTo("true");
		MockEnvironment told = new MockEnvironment().withProperty("webui.migrations.mode", "migrate-and-exit")
			.withProperty("spring.main.web-application-type", "servlet");
		new MigrationJobEnvironmentPostProcessor().postProcessEnvironment(told, new SpringApplication());
		assertThat(told.getProperty("spring.main.web-application-type")).isEqualTo("servlet");
		MockEnvironment plain = new MockEnvironment();
		new MigrationJobEnvironmentPostProcessor().postProcessEnvironment(plain, new SpringApplication());
		assertThat(plain.getProperty("spring.main.web-application-type")).isNull();
		assertThat(plain.getProperty("spring.main.lazy-initialization")).isNull();
	}

	@Test
	void anApplicationServingNoWebRequestsLetsTheChatRewriteTakeTheDatabaseUnlessTold() {
		String exclusive = "webui.migrations.exclusive-chat-rewrite";
		assertThat(postProcessed(new MockEnvironment(), WebApplicationType.SERVLET).getProperty(exclusive)).isNull();
		assertThat(postProcessed(new MockEnvironment(), WebApplicationType.REACTIVE).getProperty(exclusive)).isNull();
		assertThat(postProcessed(new MockEnvironment(), WebApplicationType.NONE).getProperty(exclusive)).isEqualTo("true");
		assertThat(postProcessed(new MockEnvironment().withProperty("spring.main.web-application-type", "none"),
				WebApplicationType.SERVLET)
			.getProperty(exclusive)).isEqualTo("true");
		assertThat(postProcessed(new MockEnvironment().withProperty("webui.migrations.mode", "migrate-and-exit"),
				WebApplicationType.SERVLET)
			.getProperty(exclusive)).isEqualTo("true");
		assertThat(postProcessed(new MockEnvironment().withProperty(exclusive, "false"), WebApplicationType.NONE)
			.getProperty(exclusive)).isEqualTo("false");
	}

	private static MockEnvironment postProcessed(MockEnvironment environment, WebApplicationType type) {
		SpringApplication application = new SpringApplication();
		application.setWebApplicationType(type);
		new MigrationJobEnvironmentPostProcessor().postProcessEnvironment(environment, application);
		return environment;
	}

	@Test
	void unknownModeFailsTheStartUpNamingTheProperty() {
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> application("webui.migrations.mode=sometimes").run())
			.satisfies((ex) -> assertThat(ex).hasStackTraceContaining("webui.migrations.mode"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

	}


}
