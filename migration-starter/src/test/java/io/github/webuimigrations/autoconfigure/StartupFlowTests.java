package io.github.webuimigrations.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.annotation.PostConstruct;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import io.github.webuimigrations.MigrationListener;
import io.github.webuimigrations.Tier;
import io.github.webuimigrations.database.Dialect;
import io.github.webuimigrations.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the start-up migration runs: before the beans that need the database when there are
 * any (a {@code JdbcTemplate} read in {@code @PostConstruct}, a
 * {@code @DependsOnDatabaseInitialization} bean), else after the application has started; and
 * as {@code webui.migrations.startup-flow} says when it says. On fresh databases of both
 * dialects.
 *
 * @author webui-migrations
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFlowTests {

	static final String JDBC_TEMPLATE = "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration";

	static final String JDBC_CLIENT = "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration";

	/** On the class path for the starter's optional SQLite dialect support; an application without JPA has none. */
	static final String JPA = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration";

	private static final String INITIALIZER_LINE = "Migrating while the application starts";

	@TempDir
	Path directory;

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void aBeanThatReadsTheDatabaseWhileItIsCreatedFindsTheSchema(Dialect dialect, CapturedOutput output)
			throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory);
				ConfigurableApplicationContext context = start(database, ReadsUsersWhenCreated.class)) {
			assertThat(context.getBean(UserCount.class).users).isZero();
			assertThat(context.getBean(Order.class).events).containsExactly("migrated", "started");
			assertThat(output.getOut()).contains(INITIALIZER_LINE + ", before the beans that need the database (");
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void aDependsOnDatabaseInitializationBeanWaitsToo(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory);
				ConfigurableApplicationContext context = start(database, WaitsForTheSchema.class)) {
			assertThat(context.getBean(Order.class).events).containsExactly("migrated", "started");
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void withNoBeanThatNeedsTheDatabaseTheRunnerMigratesOnceTheApplicationHasStarted(Dialect dialect,
			CapturedOutput output) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory);
				ConfigurableApplicationContext context = start(database, NothingNeedsTheDatabase.class)) {
			assertThat(context.getBean(Order.class).events).containsExactly("started", "migrated");
			assertThat(output.getOut()).doesNotContain(INITIALIZER_LINE);
		}
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void theFlowCanBeChosen(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory);
				ConfigurableApplicationContext context = start(database, NothingNeedsTheDatabase.class,
						"webui.migrations.startup-flow=initializer")) {
			assertThat(context.getBean(Order.class).events).containsExactly("migrated", "started");
		}
		Files.createDirectories(this.directory.resolve("another"));
		// a JdbcTemplate that nothing reads while the application starts may wait for the runner
		try (TestDatabase database = TestDatabase.create(dialect, this.directory.resolve("another"));
				ConfigurableApplicationContext context = start(database, HasAJdbcTemplate.class,
						"webui.migrations.startup-flow=runner")) {
			assertThat(context.getBean(Order.class).events).containsExactly("started", "migrated");
		}
	}

	private ConfigurableApplicationContext start(TestDatabase database, Class<?> application, String... properties) {
		return new SpringApplicationBuilder(application, Order.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties("webui.database.url=" + database.url(), "webui.migrations.backup=off",
					"spring.main.banner-mode=off")
			.properties(properties)
			.run();
	}

	/** What happened, in order: the migration's end and the application's start. */
	static class Order implements MigrationListener, ApplicationListener<ApplicationStartedEvent> {

		final List<String> events = new CopyOnWriteArrayList<>();

		@Override
		public void tierFinished(Tier tier, int applied, Duration duration) {
			if (tier == Tier.REVISIONED) {
				this.events.add("migrated");
			}
		}

		@Override
		public void onApplicationEvent(ApplicationStartedEvent event) {
			this.events.add("started");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration(excludeName = { JDBC_TEMPLATE, JDBC_CLIENT, JPA })
	static class NothingNeedsTheDatabase {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration(excludeName = JPA)
	static class HasAJdbcTemplate {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration(excludeName = JPA)
	static class ReadsUsersWhenCreated {

		@Bean
		UserCount userCount(JdbcTemplate jdbc) {
			return new UserCount(jdbc);
		}

	}

	static class UserCount {

		private final JdbcTemplate jdbc;

		int users = -1;

		UserCount(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@PostConstruct
		void read() {
			this.users = this.jdbc.queryForObject("SELECT count(*) FROM \"user\"", Integer.class);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration(excludeName = { JDBC_TEMPLATE, JDBC_CLIENT, JPA })
	static class WaitsForTheSchema {

		@Bean
		@DependsOnDatabaseInitialization
		Object schemaReader() {
			return new Object();
		}

	}

}
