package io.github.webuimigrations.revisioned.revisions;

import java.sql.SQLException;

import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.Column;
import io.github.webuimigrations.revisioned.op.RevisionOperations;
import io.github.webuimigrations.revisioned.op.TableDefinition;

import static io.github.webuimigrations.revisioned.op.ColumnType.BIG_INTEGER;
import static io.github.webuimigrations.revisioned.op.ColumnType.TEXT;

/**
 * {@code 3c9b0ca343fd_add_knowledge_directory_table}: the {@code knowledge_directory} table and
 * {@code knowledge_file.directory_id} with its foreign key (ON DELETE SET NULL) and index, each
 * if missing.
 */
public class R3c9b0ca343fd__add_knowledge_directory_table extends Revision {

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		if (!op.hasTable("knowledge_directory")) {
			op.createTable(TableDefinition.named("knowledge_directory")
				.column("id", TEXT)
				.column(Column.of("knowledge_id", TEXT).notNull())
				.column("parent_id", TEXT)
				.column(Column.of("name", TEXT).notNull())
				.column(Column.of("user_id", TEXT).notNull())
				.column(Column.of("created_at", BIG_INTEGER).notNull())
				.column(Column.of("updated_at", BIG_INTEGER).notNull())
				.primaryKey("id")
				.foreignKey("FOREIGN KEY(knowledge_id) REFERENCES knowledge (id) ON DELETE CASCADE")
				.foreignKey("FOREIGN KEY(parent_id) REFERENCES knowledge_directory (id) ON DELETE CASCADE")
				.uniqueNamed("uq_knowledge_directory_knowledge_parent_name", "knowledge_id", "parent_id", "name"));
			op.createIndex("ix_knowledge_directory_knowledge_id", "knowledge_directory", false, "knowledge_id");
			op.createIndex("ix_knowledge_directory_parent_id", "knowledge_directory", false, "parent_id");
		}
		if (!op.hasColumn("knowledge_file", "directory_id")) {
			op.batch("knowledge_file", (batch) -> batch.addColumn(Column.of("directory_id", TEXT))
				.createForeignKey("fk_knowledge_file_directory_id", "directory_id", "knowledge_directory", "id", "SET NULL"));
			op.createIndex("ix_knowledge_file_directory_id", "knowledge_file", false, "directory_id");
		}
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		op.batch("knowledge_file", (batch) -> batch.dropIndex("ix_knowledge_file_directory_id")
			.dropForeignKey("fk_knowledge_file_directory_id")
			.dropColumn("directory_id"));
		op.dropTable("knowledge_directory");
	}

}
