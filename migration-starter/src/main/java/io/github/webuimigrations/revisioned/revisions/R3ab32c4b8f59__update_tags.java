package io.github.webuimigrations.revisioned.revisions;

import java.sql.SQLException;
import java.util.Set;

import io.github.webuimigrations.revisioned.Revision;
import io.github.webuimigrations.revisioned.op.RevisionOperations;

/**
 * {@code 3ab32c4b8f59_update_tags}: {@code tag}'s primary key becomes {@code pk_id_user_id}
 * (id, user_id); the unique constraint {@code uq_id_user_id} and standalone unique indexes
 * (peewee's {@code tag_id}) go. Upstream's downgrade creates a primary key {@code pk_id (id)}
 * that the table never had; ours puts back what was there before (docs/deviations.md).
 */
public class R3ab32c4b8f59__update_tags extends Revision {

	@Override
	protected void upgrade(RevisionOperations op) throws SQLException {
		boolean hasPrimaryKey = op.hasPrimaryKey("tag");
		String primaryKeyName = op.primaryKeyName("tag");
		Set<String> uniques = op.uniqueConstraintNames("tag");
		Set<String> standaloneUniqueIndexes = op.standaloneUniqueIndexNames("tag");
		op.batch("tag", (batch) -> {
			if (hasPrimaryKey) {
				if (primaryKeyName != null) {
					batch.dropConstraint(primaryKeyName);
				}
				batch.dropSqlitePrimaryKey();
			}
			batch.createPrimaryKey("pk_id_user_id", "id", "user_id");
			if (uniques.contains("uq_id_user_id")) {
				batch.dropConstraint("uq_id_user_id");
			}
			standaloneUniqueIndexes.forEach(batch::dropIndex);
		});
		// tags 1af9b942657b could not normalise because another user held the id can be now
		R1af9b942657b__migrate_tags.normaliseTagIds(op, false);
	}

	@Override
	protected void downgrade(RevisionOperations op) throws SQLException {
		boolean legacy = op.legacyMigrationsApplied() > 0;
		op.batch("tag", (batch) -> {
			batch.dropConstraint("pk_id_user_id").dropSqlitePrimaryKey();
			if (!legacy) {
				// init's table: an unnamed primary key on id, user_id nullable again
				batch.createPrimaryKey(op.isSqlite() ? null : "tag_pkey", "id");
				batch.alterColumn("user_id", null, null, true, false);
			}
			batch.createUniqueConstraint("uq_id_user_id", "id", "user_id");
		});
		if (legacy) {
			// peewee's table: no primary key, a unique index on id
			op.createIndex("tag_id", "tag", true, "id");
		}
	}

}
