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
import io.github.webuimigrations.orchestration.DatabaseMigrationRunner;
import io.github.webuimigrations.orchestration.DatabaseMigrator;
import io.github.webuimigrations.orchestration.DatabaseMigratorCustomizer;
import io.github.webuimigrations.orchestration.MigratorConfiguration;
import io.github.webuimigrations.orchestration.ProgressLog;

/**
 * Auto-configuration of open-webui's two migration tiers and of the start-up run that
 * applies them, legacy tier first. The {@link DatabaseMigrator} is built from the
 * {@code webui.migrations.*} properties and every {@link DatabaseMigratorCustomizer}; each
 * bean backs off when the application defines its own.
 *
 * @author webui-migrations
 */
@AutoConfiguration(after = { WebuiDataSourceAutoConfiguration.class, DataSourceAutoConfiguration.class })
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties({ MigrationsProperties.class, DatabaseProperties.class })
public final class WebuiMigrationsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ProgressLog migrationProgressLog(MigrationsProperties migrations) {
		return new ProgressLog(migrations.getProgressInterval());
	}

	@Bean
	@ConditionalOnMissingBean
	DatabaseMigrator databaseMigrator(DataSource dataSource, ObjectProvider<ConnectionTarget> connectionTarget,
			MigrationsProperties migrations, DatabaseProperties database, ObjectProvider<MigrationListener> listeners,
			ObjectProvider<DatabaseMigratorCustomizer> customizers) {
		MigratorConfiguration configuration = DatabaseMigrator.configure(dataSource)
			.connectionTarget(connectionTarget.getIfAvailable())
			.schema(database.getSchema())
			.legacyHistoryTable(migrations.getLegacyHistoryTable())
			.lockTimeout(migrations.getLockTimeout())
			.backup(migrations.isBackup())
			.backupKeep(migrations.getBackupKeep())
			.backupDirectory(migrations.getBackupDirectory())
			.ahead(migrations.getAhead())
			.onePassChatRewrite(migrations.isOnePassChatRewrite())
			.exclusiveChatRewrite(migrations.isExclusiveChatRewrite())
			.pageSize(migrations.getPageSize())
			.repair(migrations.getRepair())
			.listeners(listeners.orderedStream().toList());
		customizers.orderedStream().forEach((customizer) -> customizer.customize(configuration));
		return configuration.load();
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
