package io.github.webuimigrations.autoconfigure;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import io.github.webuimigrations.MigrationListener;
import io.github.webuimigrations.actuate.MigrationMetrics;
import io.github.webuimigrations.database.ConnectionTarget;
import io.github.webuimigrations.database.DatabaseProperties;
import io.github.webuimigrations.drift.DriftCheck;
import io.github.webuimigrations.legacy.LegacyTier;
import io.github.webuimigrations.orchestration.DatabaseBackups;
import io.github.webuimigrations.orchestration.DatabaseMigrationRunner;
import io.github.webuimigrations.orchestration.DatabaseMigrator;
import io.github.webuimigrations.orchestration.MigrationLock;
import io.github.webuimigrations.orchestration.ProgressLog;
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
	RevisionedTier revisionedTier(DataSource dataSource, MigrationsProperties migrations, DatabaseProperties database) {
		RevisionedTier tier = new RevisionedTier(dataSource, database.getSchema());
		tier.setFuseChatRewrites(migrations.isOnePassChatRewrite());
		tier.setExclusiveRewrite(migrations.isExclusiveChatRewrite());
		return tier;
	}

	@Bean
	@ConditionalOnMissingBean
	ProgressLog migrationProgressLog(MigrationsProperties migrations) {
		return new ProgressLog(migrations.getProgressInterval());
	}

	@Bean
	@ConditionalOnMissingBean
	MigrationLock migrationLock(DataSource dataSource, MigrationsProperties migrations) {
		return new MigrationLock(dataSource, migrations.getLockTimeout());
	}

	@Bean
	@ConditionalOnMissingBean
	DatabaseBackups databaseBackups(DataSource dataSource, MigrationsProperties migrations) {
		return new DatabaseBackups(dataSource, migrations.isBackup(), migrations.getBackupKeep(),
				migrations.getBackupDirectory());
	}

	@Bean
	@ConditionalOnMissingBean
	DriftCheck driftCheck(DataSource dataSource, MigrationsProperties migrations, DatabaseProperties database) {
		return new DriftCheck(dataSource, database.getSchema(), migrations.getLegacyHistoryTable());
	}

	@Bean
	@ConditionalOnMissingBean
	DatabaseMigrator databaseMigrator(DataSource dataSource, ObjectProvider<ConnectionTarget> connectionTarget,
			LegacyTier legacyTier, RevisionedTier revisionedTier, ObjectProvider<MigrationListener> listeners,
			MigrationLock migrationLock, DatabaseBackups databaseBackups, DriftCheck driftCheck,
			MigrationsProperties migrations) {
		return new DatabaseMigrator(dataSource, connectionTarget.getIfAvailable(), legacyTier, revisionedTier,
				listeners.orderedStream().toList(), migrationLock, databaseBackups, driftCheck, migrations.getAhead());
	}

	@Bean
	@ConditionalOnMissingBean
	@Conditional(OnStartupModeCondition.class)
	DatabaseMigrationRunner databaseMigrationRunner(DatabaseMigrator databaseMigrator, MigrationsProperties migrations) {
		return new DatabaseMigrationRunner(databaseMigrator, migrations.effectiveMode());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MigrationMetrics migrationMetrics(ObjectProvider<MeterRegistry> registry) {
			return new MigrationMetrics(registry::getIfUnique);
		}

	}

}
