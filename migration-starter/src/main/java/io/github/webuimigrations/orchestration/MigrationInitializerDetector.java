package io.github.webuimigrations.orchestration;

import java.util.Set;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;
import org.springframework.boot.sql.init.dependency.DatabaseInitializerDetector;
import org.springframework.core.Ordered;

/**
 * A {@link DatabaseInitializerDetector} for the {@link DatabaseMigrationInitializer}: Spring
 * Boot makes the beans that need the database wait for it, and runs it before every other
 * initializer (Boot's Flyway and Liquibase for an application's own tables, SQL scripts), so
 * open-webui's schema is there first.
 *
 * @author webui-migrations
 */
class MigrationInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

	@Override
	protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
		return Set.of(DatabaseMigrationInitializer.class);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
