package io.github.webuimigrations.autoconfigure;

import org.hibernate.community.dialect.SQLiteDialect;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;

import io.github.webuimigrations.database.ConnectionTarget;
import io.github.webuimigrations.database.Dialect;
import io.github.webuimigrations.jpa.OpenWebuiSqliteDialect;

/**
 * JPA on the starter's SQLite database: Hibernate gets {@link OpenWebuiSqliteDialect}, so
 * that {@code ddl-auto=validate} accepts open-webui's SQLite schema, unless the application
 * names a dialect itself ({@code spring.jpa.database-platform}).
 *
 * @author webui-migrations
 */
@AutoConfiguration(after = WebuiDataSourceAutoConfiguration.class)
@ConditionalOnClass({ SQLiteDialect.class, HibernatePropertiesCustomizer.class })
@ConditionalOnBean(ConnectionTarget.class)
public final class WebuiHibernateAutoConfiguration {

	static final String DIALECT = "hibernate.dialect";

	@Bean
	HibernatePropertiesCustomizer openWebuiSqliteDialect(ConnectionTarget connectionTarget) {
		return (properties) -> {
			if (connectionTarget.dialect() == Dialect.SQLITE) {
				properties.putIfAbsent(DIALECT, OpenWebuiSqliteDialect.class.getName());
			}
		};
	}

}
