package io.github.webuimigrations.legacy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.JavaMigration;

import io.github.webuimigrations.MigrationException;
import io.github.webuimigrations.MigrationInfo;
import io.github.webuimigrations.MigrationListener;
import io.github.webuimigrations.MigrationState;
import io.github.webuimigrations.MigrationTarget;
import io.github.webuimigrations.MigrationTier;
import io.github.webuimigrations.PreflightFinding;
import io.github.webuimigrations.PreflightFindings;
import io.github.webuimigrations.Tier;
import io.github.webuimigrations.database.Dialect;
import io.github.webuimigrations.database.Failures;
import io.github.webuimigrations.database.WebuiDatabase;
import io.github.webuimigrations.legacy.migrations.LegacyMigrations;

/**
 * The legacy tier: open-webui's 18 peewee migrations run by Flyway, with peewee's
 * {@code migratehistory} as the record both sides read. A database upstream's peewee tier
 * left at migration k continues at k+1 (Flyway is baselined at k); a database upstream built
 * with revisions alone skips the tier. Rollback, which Flyway Community lacks, runs each
 * migration's upstream {@code rollback()} in its own transaction.
 *
 * @author webui-migrations
 */
public class LegacyTier implements MigrationTier {

	/** Default name of Flyway's history table for this tier. */
	public static final String DEFAULT_HISTORY_TABLE = "flyway_legacy_history";

	private static final Log logger = LogFactory.getLog(LegacyTier.class);

	private final WebuiDatabase database;

	private final String historyTable;

	private final LegacyHistory history;

	private final List<LegacyMigration> migrations = LegacyMigrations.all();

	/**
	 * Create the tier.
	 * @param database the open-webui database
	 * @param historyTable Flyway's history table name
	 */
	public LegacyTier(WebuiDatabase database, String historyTable) {
		this.database = database;
		this.historyTable = historyTable;
		this.history = new LegacyHistory(database, historyTable, this.migrations);
	}

	@Override
	public Tier tier() {
		return Tier.LEGACY;
	}

	@Override
	public Set<String> bookkeepingTables() {
		return Set.of(this.historyTable.toLowerCase(Locale.ROOT));
	}

	/**
	 * The tier's migrations in order.
	 * @return the 18 legacy migrations
	 */
	public List<LegacyMigration> migrations() {
		return this.migrations;
	}

	/**
	 * Apply the pending migrations, up to and including {@code target}.
	 * @param target the last migration number to apply, or {@code null} for all
	 * @return the number of migrations applied
	 * @throws MigrationException if one fails; it was rolled back, the earlier ones stay
	 */
	public int migrate(Integer target) {
		return migrate(target, MigrationListener.NONE);
	}

	@Override
	public int migrate(MigrationTarget target, MigrationListener listener) {
		if (target instanceof MigrationTarget.Base) {
			return 0;
		}
		return migrate((target instanceof MigrationTarget.Legacy legacy) ? legacy.number() : null, listener);
	}

	@Override
	public boolean pendingUpTo(List<MigrationInfo> infos, MigrationTarget target) {
		int end = (target instanceof MigrationTarget.Legacy legacy) ? legacy.number()
				: (target instanceof MigrationTarget.Base) ? 0 : this.migrations.size();
		return infos.stream()
			.anyMatch((info) -> info.tier() == Tier.LEGACY && info.state() == MigrationState.PENDING
					&& Integer.parseInt(info.id()) <= end);
	}

	/**
	 * Apply the pending migrations, up to and including {@code target}, telling a listener.
	 * @param target the last migration number to apply, or {@code null} for all
	 * @param listener told of each migration
	 * @return the number of migrations applied
	 * @throws MigrationException if one fails; it was rolled back, the earlier ones stay
	 */
	public int migrate(Integer target, MigrationListener listener) {
		LegacyHistory.State state = this.history.read();
		if (!state.applicable()) {
			logger.info("Legacy tier skipped: the database was built by open-webui's revisions alone");
			return 0;
		}
		if (target != null && target <= state.done()) {
			return 0;
		}
		if (state.mirrored() >= 0 && state.mirrored() < state.done()) {
			// open-webui applied legacy migrations after us: Flyway's copy is stale, rebuild it from migratehistory
			logger.warn(this.historyTable + " is behind migratehistory (" + this.history.describe(state.mirrored()) + " vs "
					+ this.history.describe(state.done()) + "); rebuilding it from migratehistory");
			this.history.dropTable();
		}
		try {
			return flyway(state.done(), state.dialect(), target, listener).migrate().migrationsExecuted;
		}
		catch (FlywayException ex) {
			int reached = this.history.read().done();
			String failed = (reached < this.migrations.size()) ? this.migrations.get(reached).upstreamName() : "?";
			throw new MigrationException("Legacy migration " + failed + " failed and was rolled back; the database is "
					+ "at " + this.history.describe(reached) + ": " + Failures.rootMessage(ex), ex);
		}
	}

	@Override
	public int rollback(MigrationTarget target) {
		Integer kept = kept(target);
		return (kept != null) ? rollback(kept) : 0;
	}

	@Override
	public void checkRollback(MigrationTarget target) {
		Integer kept = kept(target);
		if (kept != null) {
			checkRollback(kept);
		}
	}

	/** How many legacy migrations a rollback to the target keeps, or {@code null} when it does not reach this tier. */
	private static Integer kept(MigrationTarget target) {
		if (target instanceof MigrationTarget.Legacy legacy) {
			return legacy.number();
		}
		return (target instanceof MigrationTarget.Base) ? 0 : null;
	}

	/**
	 * Roll back applied migrations, newest first, until {@code target} is the last applied.
	 * Refused before anything changes if a migration in the way cannot be rolled back.
	 * @param target the migration number to stop at, 0 for none
	 * @return the number of migrations rolled back
	 * @throws MigrationException if refused or if a rollback fails (that one is undone)
	 */
	public int rollback(int target) {
		LegacyHistory.State state = this.history.read();
		checkRollback(state.done(), target);
		int count = 0;
		for (int number = state.done(); number > target; number--) {
			LegacyMigration migration = this.migrations.get(number - 1);
			try (Connection connection = this.database.connect()) {
				connection.setAutoCommit(false);
				try {
					migration.rollBack(connection);
					this.history.forget(connection, number);
					connection.commit();
					count++;
					logger.info("Rolled back legacy migration " + migration.upstreamName());
				}
				catch (SQLException | RuntimeException ex) {
					connection.rollback();
					throw new MigrationException("Rollback of legacy migration " + migration.upstreamName()
							+ " failed and was undone; the database is at " + this.history.describe(number) + ": "
							+ Failures.rootMessage(ex), ex);
				}
			}
			catch (SQLException ex) {
				throw new MigrationException("Rollback of the legacy tier failed: " + Failures.rootMessage(ex), ex);
			}
		}
		return count;
	}

	/**
	 * Refuse, before anything changes, a rollback that crosses a migration that cannot be
	 * rolled back.
	 * @param target the migration number to stop at, 0 for none
	 * @throws MigrationException if refused
	 */
	public void checkRollback(int target) {
		checkRollback(this.history.read().done(), target);
	}

	private void checkRollback(int done, int target) {
		for (int number = done; number > target; number--) {
			String refusal = this.migrations.get(number - 1).rollbackRefusal();
			if (refusal != null) {
				throw new MigrationException("Rollback to " + this.history.describe(target) + " refused: " + refusal);
			}
		}
	}

	/**
	 * Every legacy migration with its state in the database.
	 * @return one entry per migration, in order
	 */
	public List<MigrationInfo> info() {
		return info(true);
	}

	@Override
	public List<MigrationInfo> info(boolean compareChecksums) {
		return this.history.info(this.history.read());
	}

	@Override
	public List<PreflightFinding> preflight() {
		return check(null, true);
	}

	/**
	 * Read the data that the pending migrations up to a target will transform and list the
	 * rows that would stop them. Changes nothing.
	 * @param target the last migration to check, or {@code null} for all
	 * @return the findings, in migration order
	 */
	public List<PreflightFinding> blockers(Integer target) {
		return check(target, false);
	}

	@Override
	public List<PreflightFinding> blockers(MigrationTarget target) {
		if (target instanceof MigrationTarget.Base) {
			return List.of();
		}
		return blockers((target instanceof MigrationTarget.Legacy legacy) ? legacy.number() : null);
	}

	private List<PreflightFinding> check(Integer target, boolean upstreamOnly) {
		LegacyHistory.State state = this.history.read();
		List<PreflightFinding> found = new ArrayList<>();
		if (!state.applicable()) {
			return found;
		}
		int end = (target != null) ? Math.max(state.done(), Math.min(target, this.migrations.size()))
				: this.migrations.size();
		try (Connection connection = this.database.connect()) {
			for (LegacyMigration migration : this.migrations.subList(state.done(), end)) {
				PreflightFindings findings = new PreflightFindings(Tier.LEGACY, String.format("%03d", migration.number()),
						found);
				migration.blockers(connection, findings);
				if (upstreamOnly) {
					migration.upstreamOnly(connection, findings);
				}
			}
		}
		catch (SQLException ex) {
			throw new MigrationException("Preflight of the legacy tier failed: " + Failures.rootMessage(ex), ex);
		}
		return found;
	}

	/**
	 * The number of the last applied legacy migration.
	 * @return 0 to 18
	 */
	public int current() {
		return this.history.read().done();
	}

	private Flyway flyway(int done, Dialect dialect, Integer target, MigrationListener listener) {
		FluentConfiguration configuration = Flyway.configure(getClass().getClassLoader())
			.dataSource(this.database.dataSource())
			.table(this.historyTable)
			.locations(new String[0])
			.javaMigrations(this.migrations.toArray(JavaMigration[]::new))
			.baselineOnMigrate(true)
			.baselineVersion(MigrationVersion.fromVersion(String.format("%03d", done)))
			.baselineDescription("applied by open-webui")
			.target((target != null) ? MigrationVersion.fromVersion(String.format("%03d", target))
					: MigrationVersion.LATEST)
			.callbacks(new LegacyMigrationEvents(listener))
			.cleanDisabled(true);
		if (this.database.schema() != null && dialect == Dialect.POSTGRESQL) {
			configuration.schemas(this.database.schema()).defaultSchema(this.database.schema()).createSchemas(true);
		}
		return configuration.load();
	}

}
