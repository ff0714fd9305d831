package io.github.webuimigrations.orchestration;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.webuimigrations.MigrationInfo;
import io.github.webuimigrations.Tier;
import io.github.webuimigrations.database.ConnectionCheck;
import io.github.webuimigrations.database.ConnectionTarget;
import io.github.webuimigrations.legacy.LegacyTier;
import io.github.webuimigrations.revisioned.RevisionedTier;

/**
 * Runs open-webui's two migration tiers in upstream's order, the legacy tier first, and
 * reports their state. This is the Java API behind the start-up run and the commands.
 *
 * @author webui-migrations
 */
public class DatabaseMigrator {

	private static final Log logger = LogFactory.getLog(DatabaseMigrator.class);

	private final DataSource dataSource;

	private final ConnectionTarget connectionTarget;

	private final LegacyTier legacyTier;

	private final RevisionedTier revisionedTier;

	/**
	 * Create a migrator.
	 * @param dataSource the open-webui database
	 * @param connectionTarget where the settings point, or {@code null} for an application's
	 * own data source (used for clearer connection errors)
	 * @param legacyTier the legacy tier
	 * @param revisionedTier the revisioned tier
	 */
	public DatabaseMigrator(DataSource dataSource, ConnectionTarget connectionTarget, LegacyTier legacyTier,
			RevisionedTier revisionedTier) {
		this.dataSource = dataSource;
		this.connectionTarget = connectionTarget;
		this.legacyTier = legacyTier;
		this.revisionedTier = revisionedTier;
	}

	/**
	 * Apply everything pending in both tiers.
	 * @throws io.github.webuimigrations.MigrationException if a migration fails
	 * @throws io.github.webuimigrations.database.DatabaseSettingsException if the database
	 * cannot be opened
	 */
	public void migrate() {
		migrate(MigrationTarget.HEAD);
	}

	/**
	 * Apply pending migrations up to and including the target.
	 * @param target where to stop
	 */
	public void migrate(MigrationTarget target) {
		ConnectionCheck.verify(this.dataSource, this.connectionTarget);
		long start = System.nanoTime();
		int legacy;
		int revisions = 0;
		if (target.tier() == Tier.LEGACY) {
			legacy = this.legacyTier.migrate(target.legacyNumber());
		}
		else {
			// the legacy tier always completes first, as upstream's peewee stage did before Alembic
			legacy = this.legacyTier.migrate(null);
			revisions = this.revisionedTier.migrate(target.revision());
		}
		logger.info("Database migrated to " + target + " (" + legacy + " legacy migrations, " + revisions
				+ " revisions applied) in " + (System.nanoTime() - start) / 1_000_000 + " ms");
	}

	/**
	 * Roll back applied migrations, newest first, until the target is the last one applied.
	 * @param target where to stop ({@code base} for the start of the legacy tier)
	 */
	public void rollback(MigrationTarget target) {
		ConnectionCheck.verify(this.dataSource, this.connectionTarget);
		if (target.tier() == Tier.REVISIONED) {
			this.revisionedTier.rollback(target.revision());
			return;
		}
		int legacyTarget = (target.legacyNumber() != null) ? target.legacyNumber() : 0;
		// refuse before the revisioned tier is touched, not halfway
		this.legacyTier.checkRollback(legacyTarget);
		this.revisionedTier.rollback(null);
		this.legacyTier.rollback(legacyTarget);
	}

	/**
	 * Every migration of both tiers, in order, with its state.
	 * @return the migrations
	 */
	public List<MigrationInfo> info() {
		ConnectionCheck.verify(this.dataSource, this.connectionTarget);
		List<MigrationInfo> infos = new ArrayList<>(this.legacyTier.info());
		infos.addAll(this.revisionedTier.info());
		return infos;
	}

	/**
	 * Parse a target against this migrator's migrations.
	 * @param text the target as written by a user
	 * @return the target
	 */
	public MigrationTarget target(String text) {
		return MigrationTarget.parse(text, this.legacyTier.migrations(), this.revisionedTier.revisions());
	}

}
