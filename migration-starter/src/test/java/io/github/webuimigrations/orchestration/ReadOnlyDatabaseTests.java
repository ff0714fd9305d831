package io.github.webuimigrations.orchestration;

import java.sql.Connection;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import io.github.webuimigrations.MigrationException;
import io.github.webuimigrations.MigrationTarget;
import io.github.webuimigrations.database.Sql;
import io.github.webuimigrations.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A read-only PostgreSQL database (as a replica in read-only transaction mode is): a migration
 * with work to do is refused in one line before anything changes; an up-to-date start, validate,
 * info and status still work there; drift, which needs a scratch schema, says why it cannot.
 *
 * @author webui-migrations
 */
class ReadOnlyDatabaseTests {

	@Test
	void pendingWorkIsRefusedBeforeAnythingChanges() throws Exception {
		try (TestDatabase database = TestDatabase.postgres()) {
			DatabaseMigrator migrator = database.migrator();
			migrator.migrate(migrator.target("c0fbf31ca0db"));
			readOnly(database);

			assertThatExceptionOfType(MigrationException.class).isThrownBy(migrator::migrate)
				.withMessageStartingWith("The database is in read-only transaction mode (transaction_read_only is on")
				.withMessageContaining("nothing was migrated")
				.withMessageContaining("WEBUI_MIGRATIONS_MODE=validate")
				.withMessageNotContaining("\n");
			assertThat(migrator.status().revision()).isEqualTo("c0fbf31ca0db");
			assertThat(migrator.info()).isNotEmpty();
		}
	}

	@Test
	void anUpToDateReplicaStartsAndValidates() throws Exception {
		try (TestDatabase database = TestDatabase.postgres()) {
			DatabaseMigrator migrator = database.migrator();
			migrator.migrate();
			readOnly(database);

			migrator.migrate();
			migrator.migrate(MigrationTarget.HEAD);
			assertThat(migrator.validate().isUpToDate()).isTrue();
			// drift builds its expected schema in a scratch schema: not on a read-only server, and it says so
			assertThatExceptionOfType(MigrationException.class).isThrownBy(migrator::drift)
				.withMessageStartingWith("The drift check builds the expected schema in a scratch schema of the "
						+ "database, which cannot be written");
		}
	}

	/** New sessions of the database are read-only, as on a server in read-only mode. */
	private static void readOnly(TestDatabase database) throws Exception {
		try (Connection connection = database.connection(); Statement statement = connection.createStatement()) {
			String name = Sql.strings(connection, "SELECT current_database()").get(0);
			statement.execute("ALTER DATABASE " + name + " SET default_transaction_read_only = on");
		}
	}

}
