package io.github.webuimigrations.autoconfigure;

import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import io.github.webuimigrations.database.ConnectionTarget;
import io.github.webuimigrations.database.DatabaseSettingsException;
import io.github.webuimigrations.database.Dialect;
import io.github.webuimigrations.legacy.LegacyTier;
import io.github.webuimigrations.orchestration.DatabaseBackups;
import io.github.webuimigrations.orchestration.DatabaseMigrationRunner;
import io.github.webuimigrations.orchestration.DatabaseMigrator;
import io.github.webuimigrations.revisioned.RevisionedTier;

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
					.hasSingleBean(LegacyTier.class)
					.hasSingleBean(RevisionedTier.class)
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
			assertThat(context.getBean(LegacyTier.class).current()).isEqualTo(18);
		});
	}

	@Test
	void backsOffForEachTierAndTheMigratorTheApplicationDefines() {
		this.runner.withPropertyValues("webui.database.url=sqlite:///" + this.directory + "/x.db")
			.withBean("customLegacyTier", LegacyTier.class,
					() -> new LegacyTier(new SimpleDriverDataSource(), "custom_history", null))
			.run((context) -> {
				assertThat(context).hasSingleBean(LegacyTier.class);
				assertThat(context).getBean("customLegacyTier").isSameAs(context.getBean(LegacyTier.class));
			});
	}

	@Test
	void backupsAreOnByDefaultAndFollowTheirSettings() {
		this.runner
			.withPropertyValues("webui.database.url=sqlite:///" + this.directory + "/x.db",
					"webui.migrations.backup-keep=5", "webui.migrations.backup-directory=" + this.directory + "/backups")
			.run((context) -> {
				assertThat(context).hasSingleBean(DatabaseBackups.class);
				MigrationsProperties migrations = context.getBean(MigrationsProperties.class);
				assertThat(migrations.isBackup()).isTrue();
				assertThat(migrations.getBackupKeep()).isEqualTo(5);
				assertThat(migrations.getBackupDirectory()).isEqualTo(this.directory.resolve("backups"));
			});
		// "off", as users write it (YAML's off is false too)
		this.runner.withPropertyValues("webui.database.url=sqlite:///" + this.directory + "/x.db", "webui.migrations.backup=off")
			.run((context) -> assertThat(context.getBean(MigrationsProperties.class).isBackup()).isFalse());
		DatabaseBackups own = DatabaseBackups.NONE;
		this.runner.withPropertyValues("webui.database.url=sqlite:///" + this.directory + "/x.db")
			.withBean(DatabaseBackups.class, () -> own)
			.run((context) -> assertThat(context.getBean(DatabaseBackups.class)).isSameAs(own));
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
