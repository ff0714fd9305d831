package io.github.webuimigrations.autoconfigure;

import java.nio.file.Path;
import java.sql.Connection;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import io.github.webuimigrations.MigrationTarget;
import io.github.webuimigrations.database.ConnectionTarget;
import io.github.webuimigrations.database.DatabaseSettingsException;
import io.github.webuimigrations.database.Dialect;
import io.github.webuimigrations.database.Sql;
import io.github.webuimigrations.orchestration.DatabaseMigrationRunner;
import io.github.webuimigrations.orchestration.DatabaseMigrator;
import io.github.webuimigrations.orchestration.DatabaseMigratorCustomizer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wiring of the starter: what it defines, and when it backs off.
 */
class WebuiAutoConfigurationTests {

	@TempDir
	Path directory;

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations
		.of(WebuiDataSourceAutoConfiguration.class, WebuiMigrationsAutoConfiguration.class, DataSourceAutoConfiguration.class));

	@Test
	void settingsBuildAPooledDataSourceAndBothTiers() {
		this.runner
			.withPropertyValues("webui.database.url=sqlite:///" + this.directory + "/x.db", "webui.database.pool.size=3",
					"webui.database.pool.max-overflow=2")
			.run((context) -> {
				assertThat(context).hasSingleBean(DataSource.class)
					.hasSingleBean(ConnectionTarget.class)
					.hasSingleBean(DatabaseMigrator.class)
					.hasSingleBean(DatabaseMigrationRunner.class);
				HikariDataSource pool = context.getBean(HikariDataSource.class);
				assertThat(pool.getMaximumPoolSize()).isEqualTo(5);
				assertThat(context.getBean(ConnectionTarget.class).dialect()).isEqualTo(Dialect.SQLITE);
			});
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwnDataSource() {
		SimpleDriverDataSource own = new SimpleDriverDataSource(new org.sqlite.JDBC(),
				"jdbc:sqlite:" + this.directory + "/own.db");
		this.runner.withBean(DataSource.class, () -> own).run((context) -> {
			assertThat(context).hasSingleBean(DataSource.class).doesNotHaveBean(ConnectionTarget.class);
			assertThat(context.getBean(DataSource.class)).isSameAs(own);
			context.getBean(DatabaseMigrator.class).migrate();
			assertThat(context.getBean(DatabaseMigrator.class).status().legacyVersion())
				.isEqualTo("018_add_function_is_global");
		});
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwnMigrator() {
		this.runner.withPropertyValues("webui.database.url=sqlite:///" + this.directory + "/x.db")
			.withBean("customMigrator", DatabaseMigrator.class,
					() -> DatabaseMigrator.configure(new SimpleDriverDataSource()).load())
			.run((context) -> {
				assertThat(context).hasSingleBean(DatabaseMigrator.class);
				assertThat(context).getBean("customMigrator").isSameAs(context.getBean(DatabaseMigrator.class));
			});
	}

	@Test
	void customizersChangeTheMigratorAfterTheProperties() {
		this.runner
			.withPropertyValues("webui.database.url=sqlite:///" + this.directory + "/x.db",
					"webui.migrations.legacy-history-table=from_properties")
			.withBean(DatabaseMigratorCustomizer.class,
					() -> (configuration) -> configuration.legacyHistoryTable("from_customizer"))
			.run((context) -> {
				context.getBean(DatabaseMigrator.class).migrate(MigrationTarget.legacy(1));
				try (Connection connection = context.getBean(DataSource.class).getConnection()) {
					assertThat(Sql.tableNames(connection)).contains("from_customizer").doesNotContain("from_properties");
				}
			});
	}

	@Test
	void backupsAreOnByDefaultAndFollowTheirSettings() {
		this.runner
			.withPropertyValues("webui.database.url=sqlite:///" + this.directory + "/x.db",
					"webui.migrations.backup-keep=5", "webui.migrations.backup-directory=" + this.directory + "/backups")
			.run((context) -> {
				MigrationsProperties migrations = context.getBean(MigrationsProperties.class);
				assertThat(migrations.isBackup()).isTrue();
				assertThat(migrations.getBackupKeep()).isEqualTo(5);
				assertThat(migrations.getBackupDirectory()).isEqualTo(this.directory.resolve("backups"));
				DatabaseMigrator migrator = context.getBean(DatabaseMigrator.class);
				migrator.migrate(MigrationTarget.legacy(1));
				migrator.migrate();
				assertThat(migrator.backups()).singleElement()
					.satisfies((backup) -> assertThat(backup.getParent()).isEqualTo(this.directory.resolve("backups")));
			});
		// "off", as users write it (YAML's off is false too)
		this.runner.withPropertyValues("webui.database.url=sqlite:///" + this.directory + "/x.db", "webui.migrations.backup=off")
			.run((context) -> assertThat(context.getBean(MigrationsProperties.class).isBackup()).isFalse());
	}

	@Test
	void enableDbMigrationsFalseRemovesTheStartUpRunOnly() {
		this.runner
			.withPropertyValues("webui.database.url=sqlite:///" + this.directory + "/x.db",
					"webui.migrations.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DatabaseMigrationRunner.class)
				.hasSingleBean(DatabaseMigrator.class));
	}

	@Test
	void unusableSettingsFailTheContextWithTheOneLineMessage() {
		this.runner.withPropertyValues("webui.database.url=mysql://root:s3cret@h/db").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(DatabaseSettingsException.class)
				// named as it was set: a property of the test's own property source
				.hasMessageStartingWith("webui.database.url (test) uses the unsupported scheme 'mysql'")
				.hasMessageNotContaining("s3cret");
		});
	}

}
