package io.github.webuimigrations.orchestration;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.ToLongFunction;

import javax.sql.DataSource;

import io.github.webuimigrations.MigrationListener;
import io.github.webuimigrations.MigrationTier;
import io.github.webuimigrations.database.ConnectionTarget;
import io.github.webuimigrations.database.WebuiDatabase;
import io.github.webuimigrations.legacy.LegacyTier;
import io.github.webuimigrations.revisioned.RevisionedTier;
import io.github.webuimigrations.revisioned.op.RevisionOperations;

/**
 * How a {@link DatabaseMigrator} is built: the database and everything that can be set about
 * the run, each with the default of the matching {@code webui.migrations.*} property. Reached
 * through {@link DatabaseMigrator#configure}, finished by {@link #load()}; the
 * auto-configuration maps the properties onto it, then hands it to each
 * {@link DatabaseMigratorCustomizer}.
 *
 * @author webui-migrations
 */
public class MigratorConfiguration {

	/** How long an instance waits for another one's migration by default. */
	public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofMinutes(10);

	/** How many backups are kept by default. */
	public static final int DEFAULT_BACKUP_KEEP = 3;

	private final DataSource dataSource;

	private ConnectionTarget connectionTarget;

	private String schema;

	private String legacyHistoryTable = LegacyTier.DEFAULT_HISTORY_TABLE;

	private Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;

	private boolean backup = true;

	private int backupKeep = DEFAULT_BACKUP_KEEP;

	private Path backupDirectory;

	private AheadPolicy ahead = AheadPolicy.TOLERATE;

	private boolean onePassChatRewrite = true;

	private boolean exclusiveChatRewrite;

	private int pageSize = RevisionOperations.DEFAULT_PAGE_SIZE;

	private final List<MigrationListener> listeners = new ArrayList<>();

	private Set<String> repairs = Set.of();

	private ToLongFunction<Path> usableSpace = DatabaseBackups::usableSpace;

	MigratorConfiguration(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/**
	 * Where the open-webui settings point, for one-line connection errors naming the setting.
	 * @param connectionTarget the target, or {@code null} for an application's own data source
	 * @return this configuration
	 */
	public MigratorConfiguration connectionTarget(ConnectionTarget connectionTarget) {
		this.connectionTarget = connectionTarget;
		return this;
	}

	/**
	 * The PostgreSQL schema the tables live in ({@code DATABASE_SCHEMA}); ignored for SQLite.
	 * @param schema the schema, or {@code null} for the connection's own
	 * @return this configuration
	 */
	public MigratorConfiguration schema(String schema) {
		this.schema = schema;
		return this;
	}

	/**
	 * Flyway's history table of the legacy tier.
	 * @param legacyHistoryTable the table name
	 * @return this configuration
	 */
	public MigratorConfiguration legacyHistoryTable(String legacyHistoryTable) {
		this.legacyHistoryTable = legacyHistoryTable;
		return this;
	}

	/**
	 * How long an instance waits for another instance's migration of the same database.
	 * @param lockTimeout the timeout
	 * @return this configuration
	 */
	public MigratorConfiguration lockTimeout(Duration lockTimeout) {
		this.lockTimeout = lockTimeout;
		return this;
	}

	/**
	 * Whether a SQLite database is copied beside itself before anything pending is applied.
	 * @param backup whether to take backups
	 * @return this configuration
	 */
	public MigratorConfiguration backup(boolean backup) {
		this.backup = backup;
		return this;
	}

	/**
	 * How many backups to keep.
	 * @param backupKeep the number, at least 1
	 * @return this configuration
	 */
	public MigratorConfiguration backupKeep(int backupKeep) {
		this.backupKeep = backupKeep;
		return this;
	}

	/**
	 * Where backups are written.
	 * @param backupDirectory the directory, or {@code null} for beside the database file
	 * @return this configuration
	 */
	public MigratorConfiguration backupDirectory(Path backupDirectory) {
		this.backupDirectory = backupDirectory;
		return this;
	}

	/**
	 * What to do with a database a newer open-webui migrated.
	 * @param ahead the policy
	 * @return this configuration
	 */
	public MigratorConfiguration ahead(AheadPolicy ahead) {
		this.ahead = ahead;
		return this;
	}

	/**
	 * Whether the revisions of a run that each rewrite every chat share one pass.
	 * @param onePassChatRewrite {@code false} to apply them one at a time
	 * @return this configuration
	 */
	public MigratorConfiguration onePassChatRewrite(boolean onePassChatRewrite) {
		this.onePassChatRewrite = onePassChatRewrite;
		return this;
	}

	/**
	 * Whether a one-pass chat rewrite on SQLite may take the database for itself.
	 * @param exclusiveChatRewrite {@code true} when nothing else in the application needs the
	 * database while it migrates
	 * @return this configuration
	 */
	public MigratorConfiguration exclusiveChatRewrite(boolean exclusiveChatRewrite) {
		this.exclusiveChatRewrite = exclusiveChatRewrite;
		return this;
	}

	/**
	 * Rows per page of a data migration and per write batch; 1 reads and writes row by row (the
	 * benchmark's baseline).
	 * @param pageSize the page size
	 * @return this configuration
	 */
	public MigratorConfiguration pageSize(int pageSize) {
		this.pageSize = pageSize;
		return this;
	}

	/**
	 * Revisions whose half-done state ({@code preflight}'s {@code POSSIBLE_REPAIR}) is repaired
	 * although nothing that only open-webui's failed run leaves is there.
	 * @param revisions revision ids
	 * @return this configuration
	 */
	public MigratorConfiguration repair(Collection<String> revisions) {
		this.repairs = Set.copyOf(revisions);
		return this;
	}

	/**
	 * Add listeners told of each tier, migration and data-migration progress step.
	 * @param listeners the listeners, in the order they are told
	 * @return this configuration
	 */
	public MigratorConfiguration listeners(List<? extends MigrationListener> listeners) {
		this.listeners.addAll(listeners);
		return this;
	}

	/**
	 * Add listeners told of each tier, migration and data-migration progress step.
	 * @param listeners the listeners, in the order they are told
	 * @return this configuration
	 */
	public MigratorConfiguration listeners(MigrationListener... listeners) {
		return listeners(List.of(listeners));
	}

	/** For tests: how much free space a directory has, as the backup checks it. */
	MigratorConfiguration usableSpace(ToLongFunction<Path> usableSpace) {
		this.usableSpace = usableSpace;
		return this;
	}

	/**
	 * Build the migrator.
	 * @return the migrator
	 */
	public DatabaseMigrator load() {
		return new DatabaseMigrator(this);
	}

	/**
	 * The tiers of a database, in the order a run walks them: the one place they are built, for
	 * the migrator and for the drift check's scratch databases alike.
	 * @param database the database
	 * @return the legacy tier, then the revisioned tier
	 */
	List<MigrationTier> tiers(WebuiDatabase database) {
		return List.of(new LegacyTier(database, this.legacyHistoryTable), new RevisionedTier(database,
				new RevisionedTier.Options(this.onePassChatRewrite, this.exclusiveChatRewrite, this.pageSize, this.repairs)));
	}

	/** The tiers that build a scratch database for the drift check: those of this configuration, default tables. */
	List<MigrationTier> scratchTiers(WebuiDatabase scratch) {
		return List.of(new LegacyTier(scratch, LegacyTier.DEFAULT_HISTORY_TABLE), new RevisionedTier(scratch,
				new RevisionedTier.Options(this.onePassChatRewrite, false, this.pageSize, Set.of())));
	}

	WebuiDatabase database() {
		return new WebuiDatabase(this.dataSource, this.schema);
	}

	DataSource dataSource() {
		return this.dataSource;
	}

	ConnectionTarget connectionTarget() {
		return this.connectionTarget;
	}

	String schema() {
		return this.schema;
	}

	String legacyHistoryTable() {
		return this.legacyHistoryTable;
	}

	Duration lockTimeout() {
		return this.lockTimeout;
	}

	DatabaseBackups backups() {
		return new DatabaseBackups(this.dataSource, this.backup, this.backupKeep, this.backupDirectory, this.usableSpace);
	}

	AheadPolicy ahead() {
		return this.ahead;
	}

	List<MigrationListener> listeners() {
		return List.copyOf(this.listeners);
	}

}
