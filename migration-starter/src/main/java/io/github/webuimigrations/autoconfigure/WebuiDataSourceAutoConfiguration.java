package io.github.webuimigrations.autoconfigure;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import io.github.webuimigrations.database.ConnectionTarget;
import io.github.webuimigrations.database.ConnectionTargets;
import io.github.webuimigrations.database.DatabaseProperties;
import io.github.webuimigrations.database.PooledDataSources;
import io.github.webuimigrations.database.SettingNames;

/**
 * Auto-configuration of the application's {@link DataSource} from open-webui's database
 * settings. Backs off when the application defines its own {@link DataSource}.
 *
 * @author webui-migrations
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@ConditionalOnMissingBean(DataSource.class)
@EnableConfigurationProperties(DatabaseProperties.class)
public final class WebuiDataSourceAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ConnectionTarget webuiConnectionTarget(DatabaseProperties properties, Environment environment) {
		return ConnectionTargets.resolve(properties, SettingNames.of(environment));
	}

	@Bean
	DataSource dataSource(DatabaseProperties properties, ConnectionTarget webuiConnectionTarget) {
		return PooledDataSources.create(properties, webuiConnectionTarget);
	}

}
