package io.github.webuimigrations.autoconfigure;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;

import io.github.webuimigrations.database.ConnectionTarget;
import io.github.webuimigrations.database.DatabaseProperties;
import io.github.webuimigrations.legacy.LegacyTier;
import io.github.webuimigrations.orchestration.DatabaseMigrationRunner;
import io.github.webuimigrations.orchestration.DatabaseMigrator;
import io.github.webuimigrations.revisioned.RevisionedTier;

/**
 * Auto-configuration of open-webui's two migration tiers and of the start-up run that
 * applies them, legacy tier first. Each bean backs off when the application defines its own.
 *
 * @author webui-migrations
 */
@AutoConfiguration(after = { WebuiDataSourceAutoConfiguration.class, DataSourceAutoConfiguration.class })
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties({ MigrationsProperties.class, DatabaseProperties.class })
public final class WebuiMigrationsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LegacyTier legacyTier(DataSource dataSource, MigrationsProperties migrations, DatabaseProperties database) {
		return new LegacyTier(dataSource, migrations.getLegacyHistoryTable(), database.getSchema());
	}

	@Bean
	@ConditionalOnMissingBean
	RevisionedTier revisionedTier(DataSource dataSource, DatabaseProperties database) {
		return new RevisionedTier(dataSource, database.getSchema());
	}

	@Bean
	@ConditionalOnMissingBean
	DatabaseMigrator databaseMigrator(DataSource dataSource, ObjectProvider<ConnectionTarget> connectionTarget,
			LegacyTier legacyTier, RevisionedTier revisionedTier) {
		return new DatabaseMigrator(dataSource, connectionTarget.getIfAvailable(), legacyTier, revisionedTier);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "webui.migrations.enabled", matchIfMissing = true)
	DatabaseMigrationRunner databaseMigrationRunner(DatabaseMigrator databaseMigrator) {
		return new DatabaseMigrationRunner(databaseMigrator);
	}

}
