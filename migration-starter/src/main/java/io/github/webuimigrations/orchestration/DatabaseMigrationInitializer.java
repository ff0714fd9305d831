package io.github.webuimigrations.orchestration;

import java.util.Arrays;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.BeanNameAware;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.sql.init.AbstractScriptDatabaseInitializer;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * The start-up migration as a database initializer: Spring Boot makes every bean that needs
 * the database wait for it (JPA's {@code EntityManagerFactory}, {@code JdbcTemplate},
 * {@code @DependsOnDatabaseInitialization} beans, Boot's own Flyway and Liquibase), as it does
 * for Flyway ({@link MigrationInitializerDetector}). In flow {@link StartupFlow#INITIALIZER},
 * or {@link StartupFlow#AUTO} when such a bean exists, it migrates as it is created; otherwise
 * the {@link DatabaseMigrationRunner} does, after the application has started.
 *
 * @author webui-migrations
 */
public class DatabaseMigrationInitializer implements InitializingBean, BeanFactoryAware, BeanNameAware, EnvironmentAware {

	private static final Log logger = LogFactory.getLog(DatabaseMigrationInitializer.class);

	private final StartupMigration migration;

	private final StartupFlow flow;

	private ConfigurableListableBeanFactory beanFactory;

	private String name;

	private Environment environment;

	/**
	 * The initializer of a start-up run.
	 * @param migration the start-up run
	 * @param flow when it runs
	 */
	public DatabaseMigrationInitializer(StartupMigration migration, StartupFlow flow) {
		this.migration = migration;
		this.flow = flow;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = (beanFactory instanceof ConfigurableListableBeanFactory listable) ? listable : null;
	}

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void setBeanName(String name) {
		this.name = name;
	}

	@Override
	public void afterPropertiesSet() {
		String dependent = (this.flow == StartupFlow.AUTO) ? firstDependent() : null;
		if (this.flow == StartupFlow.INITIALIZER || dependent != null) {
			// one line, so that an application can tell which flow it got
			logger.info("Migrating while the application starts, before the beans that need the database"
					+ ((dependent != null) ? " (" + dependent + " among them)" : " (webui.migrations.startup-flow="
							+ "initializer)"));
			this.migration.runOnce();
		}
	}

	/**
	 * Whether the bean is Spring Boot's SQL-script initializer set to run nothing here: it
	 * exists wherever there is a data source, and by default runs scripts on embedded
	 * databases only, which SQLite files and PostgreSQL are not.
	 */
	private boolean idleScripts(String bean) {
		Class<?> type = this.beanFactory.getType(bean, false);
		if (type == null || !AbstractScriptDatabaseInitializer.class.isAssignableFrom(type)) {
			return false;
		}
		String mode = (this.environment != null) ? this.environment.getProperty("spring.sql.init.mode", "embedded")
				: "embedded";
		return !"always".equalsIgnoreCase(mode.strip());
	}

	/** A bean that Spring Boot made wait for this one, or {@code null}. */
	private String firstDependent() {
		if (this.beanFactory == null || this.name == null) {
			return null;
		}
		for (String bean : this.beanFactory.getBeanDefinitionNames()) {
			String[] dependsOn = this.beanFactory.getBeanDefinition(bean).getDependsOn();
			if (dependsOn != null && Arrays.asList(dependsOn).contains(this.name) && !idleScripts(bean)) {
				return bean;
			}
		}
		return null;
	}

}
