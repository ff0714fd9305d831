package io.github.webuimigrations.autoconfigure;

import java.nio.file.Path;
import java.sql.Connection;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.webuimigrations.database.ConnectionTarget;
import io.github.webuimigrations.database.DatabaseSettingsException;
import io.github.webuimigrations.database.Dialect;
import io.github.webuimigrations.database.Sql;
import io.github.webuimigrations.orchestration.DatabaseMigrator;
import io.github.webuimigrations.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring's own {@code spring.datasource.url}: the database the starter migrates when no
 * open-webui setting says where it is; both at once is an error naming both.
 *
 * @author webui-migrations
 */
class SpringDataSourceSettingsTests {

	@TempDir
	Path directory;

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations
		.of(WebuiDataSourceAutoConfiguration.class, WebuiMigrationsAutoConfiguration.class, DataSourceAutoConfiguration.class));

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void springDatasourceUrlIsTheDatabaseMigrated(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			this.runner
				.withPropertyValues("spring.datasource.url=" + database.jdbcUrl(), "spring.datasource.username=postgres",
						"webui.database.pool.size=4")
				.run((context) -> {
					assertThat(context).hasNotFailed().hasSingleBean(DataSource.class);
					assertThat(context.getBean(ConnectionTarget.class).dialect()).isEqualTo(dialect);
					// open-webui's other settings still shape the pool
					assertThat(context.getBean(HikariDataSource.class).getMaximumPoolSize()).isEqualTo(4);
					context.getBean(DatabaseMigrator.class).migrate();
				});
			try (Connection connection = database.connection()) {
				assertThat(Sql.tableNames(connection)).contains("user", "chat", "alembic_version");
			}
		}
	}

	@Test
	void aSqliteFileNamedTheJdbcWayWithQueryParameters() {
		this.runner.withPropertyValues("spring.datasource.url=jdbc:sqlite:" + this.directory + "/w.db?foreign_keys=on")
			.run((context) -> assertThat(context.getBean(ConnectionTarget.class).dialect()).isEqualTo(Dialect.SQLITE));
	}

	@Test
	void bothSetAtOnceIsOneLineNamingBoth() {
		this.runner
			.withPropertyValues("webui.database.url=sqlite:///" + this.directory + "/a.db",
					"spring.datasource.url=jdbc:sqlite:" + this.directory + "/b.db")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(DatabaseSettingsException.class)
				.hasMessage("Both webui.database.url (test) and spring.datasource.url say where the database is: "
						+ "set one of them"));
	}

	@Test
	void anotherDatabaseIsRefusedNamingTheSetting() {
		this.runner
			.withPropertyValues("spring.datasource.url=jdbc:mysql://h/db", "spring.datasource.password=s3cret")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(DatabaseSettingsException.class)
				.hasMessageStartingWith("spring.datasource.url is for 'mysql'")
				.hasMessageNotContaining("s3cret"));
	}

	@Test
	void anInMemorySqliteDatabaseIsRefused() {
		this.runner.withPropertyValues("spring.datasource.url=jdbc:sqlite::memory:")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageStartingWith("spring.datasource.url names an in-memory SQLite database"));
	}

}
