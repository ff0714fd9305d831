package io.github.webuimigrations.autoconfigure;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import io.github.webuimigrations.revisioned.Revisions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an application logs at INFO about its database: one line per migration applied and
 * one for the run on a fresh database, one line on an up-to-date one; nothing from Flyway or
 * Liquibase below WARN unless the application asks for it.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupLoggingTests {

	@TempDir
	Path directory;

	@Test
	void aFreshDatabaseLogsOneLinePerMigrationAndOneForTheRunThenOneLineWhenUpToDate(CapturedOutput output) {
		start();
		List<String> fresh = migrationInfoLines(output.getOut());
		assertThat(fresh).hasSize(18 + Revisions.CHAIN.size() + 1);
		assertThat(fresh.subList(0, 18)).allMatch((line) -> line.contains("Applied legacy migration "));
		assertThat(fresh.subList(18, fresh.size() - 1)).allMatch((line) -> line.contains("Applied revisioned migration "));
		assertThat(fresh.get(fresh.size() - 1)).contains("Database migrated to head (18 legacy migrations, "
				+ Revisions.CHAIN.size() + " revisions applied) in ");
		assertThat(output.getOut()).doesNotContain("UPDATE SUMMARY").doesNotContain("Successfully applied");

		int before = output.getOut().length();
		start();
		assertThat(migrationInfoLines(output.getOut().substring(before))).singleElement()
			.satisfies((line) -> assertThat(line).contains("Database is up to date: legacy tier at 018_add_function_is_global, "
					+ "revision " + Revisions.HEAD));
	}

	@Test
	void theApplicationCanAskForTheToolsLines(CapturedOutput output) {
		start("--logging.level." + MigrationLoggingEnvironmentPostProcessor.LIQUIBASE_LOGGER + "=INFO");
		assertThat(output.getOut()).contains("UPDATE SUMMARY");
	}

	private void start(String... args) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties("webui.database.url=sqlite:///" + this.directory + "/webui.db", "spring.main.banner-mode=off")
			.run(args)) {
			assertThat(context.isActive()).isTrue();
		}
	}

	/** INFO lines of everything but Spring itself and the connection pool. */
	private static List<String> migrationInfoLines(String output) {
		return output.lines()
			.filter((line) -> line.contains(" INFO "))
			.filter((line) -> !line.matches(".*\\] (o\\.s\\.|org\\.springframework|c\\.z\\.h|com\\.zaxxer).*"))
			.toList();
	}

	/** An application with no bean that needs the database while it starts: the runner's flow. */
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration(excludeName = { StartupFlowTests.JDBC_TEMPLATE, StartupFlowTests.JDBC_CLIENT,
			StartupFlowTests.JPA })
	static class App {

	}

}
