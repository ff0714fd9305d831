package io.github.webuimigrations.autoconfigure;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import io.github.webuimigrations.database.ConnectionTarget;
import io.github.webuimigrations.database.ConnectionTargets;
import io.github.webuimigrations.database.DatabaseProperties;
import io.github.webuimigrations.database.DatabaseSettingsException;
import io.github.webuimigrations.database.PooledDataSources;
import io.github.webuimigrations.database.SettingNames;

/**
 * Auto-configuration of the application's {@link DataSource} from open-webui's database
 * settings, or from Spring's own {@code spring.datasource.url} when no open-webui setting says
 * where the database is (both at once is an error naming both). Backs off when the application
 * defines its own {@link DataSource}.
 *
 * @author webui-migrations
 */
@AutoConfiguration(beforeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnMissingBean(DataSource.class)
@EnableConfigurationProperties(DatabaseProperties.class)
public final class WebuiDataSourceAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ConnectionTarget webuiConnectionTarget(DatabaseProperties properties, Environment environment) {
		SettingNames names = SettingNames.of(environment);
		String springUrl = environment.getProperty("spring.datasource.url");
		if (springUrl == null || springUrl.isBlank()) {
			return ConnectionTargets.resolve(properties, names);
		}
		String webui = webuiSetting(properties, names);
		if (webui != null) {
			throw new DatabaseSettingsException("Both " + webui + " and spring.datasource.url say where the database is: "
					+ "set one of them");
		}
		return ConnectionTargets.fromJdbcUrl(springUrl, environment.getProperty("spring.datasource.username"),
				environment.getProperty("spring.datasource.password"), properties);
	}

	/** The open-webui setting that says where the database is, named as the user set it, or {@code null}. */
	private static String webuiSetting(DatabaseProperties properties, SettingNames names) {
		if (StringUtils.hasText(properties.getUrl())) {
			return names.of("DATABASE_URL");
		}
		if (StringUtils.hasText(properties.getHost())) {
			return names.of("DATABASE_HOST");
		}
		return StringUtils.hasText(properties.getType()) ? names.of("DATABASE_TYPE") : null;
	}

	@Bean
	DataSource dataSource(DatabaseProperties properties, ConnectionTarget webuiConnectionTarget) {
		return PooledDataSources.create(properties, webuiConnectionTarget);
	}

}
