package io.github.webuimigrations.database;

import java.sql.Connection;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.webuimigrations.MigrationException;
import io.github.webuimigrations.autoconfigure.WebuiDataSourceAutoConfiguration;
import io.github.webuimigrations.autoconfigure.WebuiMigrationsAutoConfiguration;
import io.github.webuimigrations.orchestration.DatabaseMigrator;
import io.github.webuimigrations.revisioned.Revisions;
import io.github.webuimigrations.testsupport.PgBouncer;
import io.github.webuimigrations.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * PgBouncer in front of PostgreSQL: session pooling migrates as a direct connection does; a pooler
 * that lends sessions per transaction is recognized and refused before anything changes, and
 * {@code webui.migrations.database-url} lets the migrations go around it.
 */
class TransactionPoolerTests {

	@Test
	void aDirectConnectionIsNoPooler() throws Exception {
		try (TestDatabase database = TestDatabase.postgres(); Connection connection = database.connection()) {
			assertThat(TransactionPooler.between(connection, database.dataSource())).isFalse();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "session", "transaction" })
	void poolingModeIsRecognized(String mode) throws Exception {
		try (TestDatabase database = TestDatabase.postgres(); PgBouncer bouncer = PgBouncer.start(mode);
				TestDatabase through = TestDatabase.at(bouncer.url(database));
				Connection connection = through.connection()) {
			assertThat(TransactionPooler.between(connection, through.dataSource())).isEqualTo(mode.equals("transaction"));
		}
	}

	@Test
	void sessionPoolingMigratesToHead() throws Exception {
		try (TestDatabase database = TestDatabase.postgres(); PgBouncer bouncer = PgBouncer.start("session");
				TestDatabase through = TestDatabase.at(bouncer.url(database))) {
			through.migrator().migrate();
			assertThat(database.migrator().validate().revision()).isEqualTo(Revisions.HEAD);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "transaction", "statement" })
	void aTransactionPoolerIsRefusedBeforeAnythingChanges(String mode) throws Exception {
		try (TestDatabase database = TestDatabase.postgres(); PgBouncer bouncer = PgBouncer.start(mode);
				TestDatabase through = TestDatabase.at(bouncer.url(database))) {
			assertThatThrownBy(() -> through.migrator().migrate()).isInstanceOf(MigrationException.class)
				.hasMessageStartingWith("Cannot migrate to head through a pooler that lends PostgreSQL sessions per "
						+ "transaction (PgBouncer pool_mode=transaction or statement)")
				.hasMessageContaining("Nothing was changed")
				.hasMessageContaining("webui.migrations.database-url (WEBUI_MIGRATIONS_DATABASE_URL)")
				.hasMessageNotContaining("\n");
			try (Connection connection = database.connection()) {
				assertThat(Sql.tableNames(connection)).isEmpty();
			}
		}
	}

	@Test
	void theMigrationsGoAroundATransactionPoolerWithADatabaseUrlOfTheirOwn() throws Exception {
		try (TestDatabase database = TestDatabase.postgres(); PgBouncer bouncer = PgBouncer.start("transaction")) {
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(WebuiDataSourceAutoConfiguration.class,
						WebuiMigrationsAutoConfiguration.class))
				.withPropertyValues("webui.database.url=" + bouncer.url(database),
						"webui.migrations.database-url=" + database.url())
				.run((context) -> {
					assertThat(context).hasNotFailed();
					// the application's pool goes through the pooler, the migrations do not
					assertThat(context.getBean(HikariDataSource.class).getDataSource().toString())
						.contains(":" + bouncer.port() + "/");
					context.getBean(DatabaseMigrator.class).migrate();
					assertThat(context.getBean(DatabaseMigrator.class).validate().revision()).isEqualTo(Revisions.HEAD);
				});
			try (Connection connection = database.connection()) {
				assertThat(Sql.tableNames(connection)).contains("user", "chat", "alembic_version");
			}
		}
	}

	@Test
	void aMalformedMigrationUrlIsNamedAsSuch() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(WebuiDataSourceAutoConfiguration.class, WebuiMigrationsAutoConfiguration.class))
			.withPropertyValues("webui.migrations.database-url=mysql://localhost/webui")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(DatabaseSettingsException.class)
				.hasMessageStartingWith("webui.migrations.database-url uses the unsupported scheme 'mysql'"));
	}

}
