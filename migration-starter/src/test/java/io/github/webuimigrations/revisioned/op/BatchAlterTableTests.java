package io.github.webuimigrations.revisioned.op;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.webuimigrations.database.Dialect;
import io.github.webuimigrations.testsupport.SchemaSnapshot;
import io.github.webuimigrations.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared rebuild mechanism: one batch of changes keeps the rows, the other columns with
 * their types, defaults and NOT NULLs, named constraints, foreign keys and indexes.
 */
class BatchAlterTableTests {

	@TempDir
	Path directory;

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void batchChangesOneTableAndKeepsEverythingElse(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			try (Connection connection = database.connection()) {
				RevisionOperations op = new RevisionOperations(connection);
				op.createTable(TableDefinition.named("owner").column(Column.of("id", ColumnType.TEXT)).primaryKey("id"));
				op.createTable(TableDefinition.named("item")
					.column(Column.of("id", ColumnType.TEXT))
					.column(Column.of("owner_id", ColumnType.TEXT).notNull())
					.column(Column.of("kind", ColumnType.STRING).withDefault(Column.ServerDefault.literal("plain")))
					.column(Column.of("legacy", ColumnType.TEXT))
					.column(Column.of("size", ColumnType.TEXT))
					.primaryKeyNamed("pk_item", "id")
					.foreignKey("FOREIGN KEY(owner_id) REFERENCES owner (id) ON DELETE CASCADE"));
				op.createIndex("ix_item_owner", "item", false, "owner_id");
				op.createIndex("ix_item_legacy", "item", false, "legacy");
				op.execute("INSERT INTO owner (id) VALUES ('o1')");
				op.execute("INSERT INTO item (id, owner_id, legacy, size) VALUES ('i1', 'o1', 'x', '42')");
				op.batch("item", (batch) -> batch.createUniqueConstraint("uq_item_owner_kind", "owner_id", "kind")
					.dropColumn("legacy")
					.addColumn(Column.of("meta", ColumnType.JSON))
					.alterColumn("size", ColumnType.BIG_INTEGER, "size::bigint", false, false));
				assertThat(op.uniqueConstraintNames("item")).containsExactly("uq_item_owner_kind");
				assertThat(op.primaryKeyName("item")).isEqualTo("pk_item");
				assertThat(op.indexNames("item")).contains("ix_item_owner").doesNotContain("ix_item_legacy");
				assertThat(op.strings("SELECT id || '/' || owner_id || '/' || kind || '/' || CAST(size AS TEXT) FROM item"))
					.containsExactly("i1/o1/plain/42");
				if (op.isSqlite()) {
					// the text became an integer in the copy, as Alembic's CAST does
					assertThat(op.strings("SELECT typeof(size) FROM item")).containsExactly("integer");
					assertThat(op.strings("SELECT \"table\" || '.' || \"to\" || ' ' || on_delete FROM pragma_foreign_key_list('item')"))
						.containsExactly("owner.id CASCADE");
					assertThat(op.strings("SELECT name FROM sqlite_master WHERE name LIKE '_alembic_tmp_%'")).isEmpty();
				}
			}
			List<String> item = SchemaSnapshot.of(database).stream().filter((line) -> line.startsWith("  column")).toList();
			assertThat(item).anyMatch((line) -> line.startsWith("  column kind") && line.contains("default 'plain'"))
				.anyMatch((line) -> line.startsWith("  column owner_id") && line.contains("not null"))
				.anyMatch((line) -> line.startsWith("  column size") && line.contains("not null"))
				.noneMatch((line) -> line.startsWith("  column legacy"));
		}
	}

}
