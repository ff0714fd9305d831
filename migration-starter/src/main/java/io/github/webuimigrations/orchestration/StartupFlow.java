package io.github.webuimigrations.orchestration;

/**
 * When, during an application's start, the start-up mode runs.
 *
 * @author webui-migrations
 */
public enum StartupFlow {

	/**
	 * {@link #INITIALIZER} when a bean needs the database while the application starts (JPA,
	 * a {@code JdbcTemplate}, a {@code @DependsOnDatabaseInitialization} bean, Spring Boot's own
	 * Flyway or Liquibase), else {@link #RUNNER}.
	 */
	AUTO,

	/**
	 * While the context is created, before every bean that needs the database (Spring Boot's
	 * database initialization ordering): what JPA's schema validation and a bean that reads the
	 * database when it is created need. No web server answers until it is done.
	 */
	INITIALIZER,

	/**
	 * After the context has started, in the first {@code ApplicationRunner}: a web server
	 * already answers (health, the status page) while a long upgrade runs, and the application
	 * reports itself ready only after it; what a long upgrade behind a load balancer needs.
	 */
	RUNNER

}
