package io.github.webuimigrations.orchestration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.webuimigrations.MigrationException;
import io.github.webuimigrations.database.Sql;
import io.github.webuimigrations.revisioned.Revisions;
import io.github.webuimigrations.testsupport.SchemaSnapshot;
import io.github.webuimigrations.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The copy of a SQLite database taken before an upgrade: a valid database at the old
 * revision, only when something is pending, the newest few kept, put back by restore; and a
 * disk too full for it stops the run before anything changes.
 */
class DatabaseBackupsTests {

	@TempDir
	Path directory;

	@Test
	void aBackupHoldsTheRevisionBeforeTheUpgradeAndOnlyTheNewestAreKept() throws Exception {
		try (TestDatabase database = TestDatabase.sqlite(this.directory.resolve("webui.db"))) {
			DatabaseMigrator migrator = database.configure().backup(true).backupKeep(2).load();
			// an empty database has nothing to keep
			migrator.migrate(migrator.target("c0fbf31ca0db"));
			assertThat(migrator.backups()).isEmpty();
			assertThat(migrator.run().backup()).isNull();
			database.execute("INSERT INTO chat (id, user_id, title, chat, archived, created_at, updated_at) "
					+ "VALUES ('c1', 'u1', 'kept', '{\"title\": \"kept\"}', 0, 1, 1)");

			migrator.migrate(migrator.target("242a2047eae0"));

			List<Path> backups = migrator.backups();
			assertThat(backups).hasSize(1);
			assertThat(backups.get(0).getFileName().toString()).matches("webui\\.db\\.c0fbf31ca0db\\.\\d{8}T\\d{6}Z\\.backup");
			assertThat(migrator.run().backup()).isEqualTo(backups.get(0).toString());
			try (TestDatabase copy = TestDatabase.sqlite(backups.get(0))) {
				assertThat(Sql.strings(copy.connection(), "SELECT version_num FROM alembic_version"))
					.containsExactly("c0fbf31ca0db");
				assertThat(Sql.strings(copy.connection(), "SELECT chat FROM chat WHERE id = 'c1'"))
					.containsExactly("{\"title\": \"kept\"}");
				assertThat(Sql.strings(copy.connection(), "PRAGMA integrity_check")).containsExactly("ok");
			}
			// nothing pending: no copy
			migrator.migrate(migrator.target("242a2047eae0"));
			assertThat(migrator.backups()).hasSize(1);

			Thread.sleep(1100);
			migrator.migrate(migrator.target("1af9b942657b"));
			Thread.sleep(1100);
			migrator.migrate();
			assertThat(migrator.backups()).extracting((file) -> file.getFileName().toString().split("\\.")[2])
				.containsExactly("1af9b942657b", "242a2047eae0");
		}
	}

	@Test
	void theBackupIsTheFileItselfUnlessAReaderHoldsTheLog() throws Exception {
		Path file = this.directory.resolve("webui.db");
		try (TestDatabase database = TestDatabase.sqlite(file)) {
			DatabaseMigrator migrator = database.configure().backup(true).backupKeep(5).load();
			migrator.migrate(migrator.target("c0fbf31ca0db"));
			database.execute("INSERT INTO chat (id, user_id, title, chat, archived, created_at, updated_at) "
					+ "VALUES ('c1', 'u1', 'kept', '{\"title\": \"kept\"}', 0, 1, 1)");
			// everything checkpointed, then the file copied while writers wait: the same bytes
			Path copy = new DatabaseBackups(database.dataSource(), true, 5, null, DatabaseBackups::usableSpace)
				.beforeUpgrade("c0fbf31ca0db");
			assertThat(Files.mismatch(file, copy)).isEqualTo(-1);
			assertThat(Path.of(copy + ".partial")).doesNotExist();

			// a reader in the middle of a transaction keeps the log: the snapshot comes from VACUUM INTO instead
			database.execute("INSERT INTO chat (id, user_id, title, chat, archived, created_at, updated_at) "
					+ "VALUES ('c2', 'u1', 'also kept', '{}', 0, 1, 1)");
			try (java.sql.Connection reader = database.connection()) {
				reader.setAutoCommit(false);
				Sql.strings(reader, "SELECT id FROM chat");
				database.execute("UPDATE chat SET title = 'after the reader' WHERE id = 'c2'");
				Thread.sleep(1100);
				Path snapshot = new DatabaseBackups(database.dataSource(), true, 5, null, DatabaseBackups::usableSpace)
					.beforeUpgrade("c0fbf31ca0db");
				assertThat(Files.mismatch(file, snapshot)).isNotEqualTo(-1);
				try (TestDatabase backup = TestDatabase.sqlite(snapshot)) {
					assertThat(Sql.strings(backup.connection(), "SELECT title FROM chat ORDER BY id"))
						.containsExactly("kept", "after the reader");
					assertThat(Sql.strings(backup.connection(), "PRAGMA integrity_check")).containsExactly("ok");
				}
				reader.rollback();
			}
		}
	}

	@Test
	void restorePutsABackupBackWhole() throws Exception {
		try (TestDatabase database = TestDatabase.sqlite(this.directory.resolve("webui.db"))) {
			DatabaseMigrator migrator = database.configure().backup(true).backupKeep(3).load();
			migrator.migrate(migrator.target("3af16a1c9fb6"));
			database.execute("INSERT INTO \"user\" (id, name, email, role, profile_image_url, created_at, updated_at, "
					+ "last_active_at) VALUES ('u1', 'Ada', 'ada@example.com', 'admin', '', 1, 1, 1)");
			List<String> schema = SchemaSnapshot.of(database);
			migrator.migrate();
			assertThat(migrator.status().revision()).isEqualTo(Revisions.HEAD);
			Path backup = migrator.backups().get(0);

			migrator.restore(backup);

			assertThat(migrator.status().revision()).isEqualTo("3af16a1c9fb6");
			assertThat(SchemaSnapshot.of(database)).isEqualTo(schema);
			assertThat(Sql.strings(database.connection(), "SELECT email FROM \"user\""))
				.containsExactly("ada@example.com");
			assertThat(Sql.strings(database.connection(), "PRAGMA integrity_check")).containsExactly("ok");
			migrator.migrate();
			assertThat(migrator.status().revision()).isEqualTo(Revisions.HEAD);
			assertThatExceptionOfType(MigrationException.class)
				.isThrownBy(() -> migrator.restore(this.directory.resolve("nothing.backup")))
				.withMessage("Cannot restore " + this.directory.resolve("nothing.backup") + ": no such file");
		}
	}

	@Test
	void aDiskTooFullForTheBackupStopsTheRunBeforeAnythingChanges() throws Exception {
		Path file = this.directory.resolve("webui.db");
		try (TestDatabase database = TestDatabase.sqlite(file)) {
			DatabaseMigrator first = database.migrator();
			first.migrate(first.target("3af16a1c9fb6"));
			byte[] before = Files.readAllBytes(file);
			DatabaseMigrator migrator = database.configure().backup(true).usableSpace((folder) -> 4096).load();

			assertThatExceptionOfType(MigrationException.class).isThrownBy(migrator::migrate)
				.withMessageStartingWith("Not enough free disk space for the backup taken before upgrading: it needs up to ")
				.withMessageContaining("0.0 MB free; nothing was migrated. Free some space, or set "
						+ "webui.migrations.backup=off to upgrade without a backup");

			assertThat(Files.readAllBytes(file)).isEqualTo(before);
			assertThat(migrator.status().revision()).isEqualTo("3af16a1c9fb6");
			assertThat(migrator.backups()).isEmpty();
		}
	}

	@Test
	void postgresqlGetsNoCopy() throws Exception {
		try (TestDatabase database = TestDatabase.postgres()) {
			DatabaseMigrator migrator = database.configure().backup(true).backupKeep(3).load();
			migrator.migrate(migrator.target("c0fbf31ca0db"));
			migrator.migrate();
			assertThat(migrator.run().backup()).isNull();
			assertThat(migrator.backups()).isEmpty();
		}
	}

}
