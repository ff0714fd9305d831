package io.github.webuimigrations.autoconfigure;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

import io.github.webuimigrations.MigrationListener;
import io.github.webuimigrations.actuate.MigrationMetrics;
import io.github.webuimigrations.command.CommandConsole;
import io.github.webuimigrations.command.MigrationCommand;
import io.github.webuimigrations.command.MigrationCommandRunner;
import io.github.webuimigrations.database.ConnectionTarget;
import io.github.webuimigrations.database.DatabaseProperties;
import io.github.webuimigrations.database.SettingNames;
import io.github.webuimigrations.orchestration.DatabaseMigrationInitializer;
import io.github.webuimigrations.orchestration.DatabaseMigrationRunner;
import io.github.webuimigrations.orchestration.DatabaseMigrator;
import io.github.webuimigrations.orchestration.DatabaseMigratorCustomizer;
import io.github.webuimigrations.orchestration.MigratorConfiguration;
import io.github.webuimigrations.orchestration.ProgressLog;
import io.github.webuimigrations.orchestration.StartupMigration;

/**
 * Auto-configuration of open-webui's two migration tiers and of the start-up run that
 * applies them, legacy tier first. The {@link DatabaseMigrator} is built from the
 * {@code webui.migrations.*} properties and every {@link DatabaseMigratorCustomizer}; each
 * bean backs off when the application defines its own.
 *
 * @author webui-migrations
 */
@AutoConfiguration(after = WebuiDataSourceAutoConfiguration.class,
		afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties({ MigrationsProperties.class, DatabaseProperties.class })
@Import(DatabaseInitializationDependencyConfigurer.class)
public final class WebuiMigrationsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ProgressLog migrationProgressLog(MigrationsProperties migrations) {
		return new ProgressLog(migrations.getProgressInterval());
	}

	@Bean
	@ConditionalOnProperty(prefix = "webui.migrations", name = "database-url")
	MigrationDataSource webuiMigrationDataSource(MigrationsProperties migrations, DatabaseProperties database,
			Environment environment) {
		return MigrationDataSource.create(migrations.getDatabaseUrl(), database, SettingNames.of(environment));
	}

	@Bean
	@ConditionalOnMissingBean
	DatabaseMigrator databaseMigrator(DataSource dataSource, ObjectProvider<ConnectionTarget> connectionTarget,
			ObjectProvider<MigrationDataSource> migrationDataSource, MigrationsProperties migrations,
			DatabaseProperties database, ObjectProvider<MigrationListener> listeners,
			ObjectProvider<DatabaseMigratorCustomizer> customizers) {
		TestedVersions.warnIfUntested(WebuiMigrationsAutoConfiguration.class.getClassLoader());
		MigrationDataSource own = migrationDataSource.getIfAvailable();
		MigratorConfiguration configuration = DatabaseMigrator.configure((own != null) ? own.getDataSource() : dataSource)
			.connectionTarget((own != null) ? own.getTarget() : connectionTarget.getIfAvailable())
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

	@Configuration(proxyBeanMethods = false)
	@Conditional(OnStartupModeCondition.class)
	static class StartupConfiguration {

		@Bean
		@ConditionalOnMissingBean
		StartupMigration startupMigration(DatabaseMigrator databaseMigrator, MigrationsProperties migrations) {
			return new StartupMigration(databaseMigrator, migrations.effectiveMode());
		}

		@Bean
		@ConditionalOnMissingBean
		DatabaseMigrationInitializer databaseMigrationInitializer(StartupMigration startupMigration,
				MigrationsProperties migrations) {
			return new DatabaseMigrationInitializer(startupMigration, migrations.getStartupFlow());
		}

		@Bean
		@ConditionalOnMissingBean
		DatabaseMigrationRunner databaseMigrationRunner(StartupMigration startupMigration) {
			return new DatabaseMigrationRunner(startupMigration);
		}

	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty("webui.migrations.command")
	MigrationCommandRunner migrationCommandRunner(DatabaseMigrator databaseMigrator, MigrationsProperties migrations,
			ApplicationContext context, ObjectProvider<CommandConsole> console) {
		MigrationCommand command = new MigrationCommand(migrations.getCommand(), migrations.getTarget(),
				migrations.getRestoreFrom(), migrations.isJson());
		return new MigrationCommandRunner(databaseMigrator, command, context, migrations.isCommandExit(),
				console.getIfAvailable(CommandConsole::system));
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
