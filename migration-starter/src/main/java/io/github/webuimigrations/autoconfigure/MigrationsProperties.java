package io.github.webuimigrations.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.github.webuimigrations.legacy.LegacyTier;
import io.github.webuimigrations.command.MigrationCommand;
import io.github.webuimigrations.orchestration.AheadPolicy;
import io.github.webuimigrations.orchestration.MigratorConfiguration;
import io.github.webuimigrations.orchestration.StartupFlow;
import io.github.webuimigrations.orchestration.StartupMode;
import io.github.webuimigrations.revisioned.op.RevisionOperations;

/**
 * How and when open-webui's migrations run.
 *
 * @author webui-migrations
 */
@ConfigurationProperties("webui.migrations")
public class MigrationsProperties {

	/**
	 * Whether the start-up mode runs at all (ENABLE_DB_MIGRATIONS); false is the same as
	 * mode=disabled.
	 */
	private boolean enabled = true;

	/**
	 * What the application does with the database when it starts (WEBUI_MIGRATIONS_MODE).
	 */
	private StartupMode mode = StartupMode.MIGRATE;

	/**
	 * When the start-up mode runs: auto (while the application starts, before the beans that
	 * need the database, when there are any: JPA, JdbcTemplate, @DependsOnDatabaseInitialization,
	 * Spring Boot's Flyway or Liquibase; else after it has started), initializer (always while
	 * it starts) or runner (always after it has started, a web server answering health
	 * meanwhile).
	 */
	private StartupFlow startupFlow = StartupFlow.AUTO;

	/**
	 * How often a long data migration logs its progress.
	 */
	private Duration progressInterval = Duration.ofSeconds(10);

	/**
	 * How long an instance waits for another instance's migration of the same database
	 * before giving up.
	 */
	private Duration lockTimeout = MigratorConfiguration.DEFAULT_LOCK_TIMEOUT;

	/**
	 * Name of Flyway's history table for the legacy tier (beside peewee's migratehistory).
	 */
	private String legacyHistoryTable = LegacyTier.DEFAULT_HISTORY_TABLE;

	/**
	 * What to do with a database a newer open-webui (or a fork) migrated
	 * (WEBUI_MIGRATIONS_AHEAD): tolerate it when its schema still holds everything this
	 * version's has, or refuse it.
	 */
	private AheadPolicy ahead = AheadPolicy.TOLERATE;

	/**
	 * Whether the revisions of one run that each rewrite every chat (242a2047eae0, 8452d01d26d7,
	 * b7c8d9e0f1a2, 461111b60977, 9a1b2c3d4e5f) run as one transaction that reads and writes each
	 * chat once; {@code false} applies them one at a time, each in its own transaction, as
	 * open-webui does. The rows and schema are the same either way.
	 */
	private boolean onePassChatRewrite = true;

	/**
	 * Whether the one-pass chat rewrite on SQLite takes the database for itself
	 * (WEBUI_MIGRATIONS_EXCLUSIVE_CHAT_REWRITE): the pool is suspended and its idle connections
	 * closed while it runs, so that the file can leave WAL and write each new page once instead of
	 * twice; other threads wait for a connection until it ends. Defaults to true when the
	 * application serves no web requests (mode migrate-and-exit, a non-web application), else
	 * false. Without effect when another process has the file open.
	 */
	private boolean exclusiveChatRewrite;

	/**
	 * Whether a SQLite (or SQLCipher) database is copied beside itself before anything pending
	 * is applied ({@code off} to skip). PostgreSQL gets no copy: use pg_dump.
	 */
	private boolean backup = true;

	/**
	 * How many backups to keep: older ones are deleted after a new one is written.
	 */
	private int backupKeep = MigratorConfiguration.DEFAULT_BACKUP_KEEP;

	/**
	 * Where backups are written; by default beside the database file.
	 */
	private Path backupDirectory;

	/**
	 * The database the migrations connect to instead of the application's data source, in
	 * DATABASE_URL's forms (postgresql://user:password@host:5432/name, sqlite:///path)
	 * (WEBUI_MIGRATIONS_DATABASE_URL): the PostgreSQL server itself when the application goes
	 * through a pooler in transaction mode, which migrations cannot use. A small pool of its
	 * own; DATABASE_PASSWORD, DATABASE_SCHEMA and the SQLite settings still apply.
	 */
	private String databaseUrl;

	/**
	 * Revisions whose half-done state is repaired although nothing that only open-webui's
	 * failed run leaves is there (WEBUI_MIGRATIONS_REPAIR): preflight lists such states as
	 * POSSIBLE_REPAIR, with their evidence; a user's own changes can look the same.
	 */
	private List<String> repair = new ArrayList<>();

	/**
	 * A command to run instead of serving (migrate, rollback, restore, validate, preflight,
	 * drift, info): the application starts no web server and no start-up migration, runs it,
	 * and exits with its code (0 ok, 1 failed, 2 usage, 3 not up to date / rows that stop a
	 * migration / drift).
	 */
	private MigrationCommand.Kind command;

	/**
	 * Where the command migrate or rollback stops: head, base, a legacy migration (009 or
	 * 009_add_models) or a revision id.
	 */
	private String target;

	/**
	 * The backup file the command restore puts back.
	 */
	private String restoreFrom;

	/**
	 * Whether the commands info and drift print JSON.
	 */
	private boolean json;

	/**
	 * Whether the application ends its process with the command's exit code once the command
	 * has run.
	 */
	private boolean commandExit = true;

	/**
	 * Rows per page of a data migration, read at once and written in one batch; memory is
	 * bounded by a page. 1 reads and writes row by row, on one thread (the benchmark's
	 * baseline).
	 */
	private int pageSize = RevisionOperations.DEFAULT_PAGE_SIZE;

	public String getDatabaseUrl() {
		return this.databaseUrl;
	}

	public void setDatabaseUrl(String databaseUrl) {
		this.databaseUrl = databaseUrl;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public StartupMode getMode() {
		return this.mode;
	}

	public void setMode(StartupMode mode) {
		this.mode = mode;
	}

	/**
	 * The mode in effect: {@link StartupMode#DISABLED} when migrations are switched off.
	 * @return the mode
	 */
	public StartupMode effectiveMode() {
		return this.enabled ? this.mode : StartupMode.DISABLED;
	}

	public StartupFlow getStartupFlow() {
		return this.startupFlow;
	}

	public void setStartupFlow(StartupFlow startupFlow) {
		this.startupFlow = startupFlow;
	}

	public Duration getProgressInterval() {
		return this.progressInterval;
	}

	public void setProgressInterval(Duration progressInterval) {
		this.progressInterval = progressInterval;
	}

	public Duration getLockTimeout() {
		return this.lockTimeout;
	}

	public void setLockTimeout(Duration lockTimeout) {
		this.lockTimeout = lockTimeout;
	}

	public AheadPolicy getAhead() {
		return this.ahead;
	}

	public void setAhead(AheadPolicy ahead) {
		this.ahead = ahead;
	}

	public boolean isOnePassChatRewrite() {
		return this.onePassChatRewrite;
	}

	public void setOnePassChatRewrite(boolean onePassChatRewrite) {
		this.onePassChatRewrite = onePassChatRewrite;
	}

	public boolean isExclusiveChatRewrite() {
		return this.exclusiveChatRewrite;
	}

	public void setExclusiveChatRewrite(boolean exclusiveChatRewrite) {
		this.exclusiveChatRewrite = exclusiveChatRewrite;
	}

	public boolean isBackup() {
		return this.backup;
	}

	public void setBackup(boolean backup) {
		this.backup = backup;
	}

	public int getBackupKeep() {
		return this.backupKeep;
	}

	public void setBackupKeep(int backupKeep) {
		this.backupKeep = backupKeep;
	}

	public Path getBackupDirectory() {
		return this.backupDirectory;
	}

	public void setBackupDirectory(Path backupDirectory) {
		this.backupDirectory = backupDirectory;
	}

	public MigrationCommand.Kind getCommand() {
		return this.command;
	}

	public void setCommand(MigrationCommand.Kind command) {
		this.command = command;
	}

	public String getTarget() {
		return this.target;
	}

	public void setTarget(String target) {
		this.target = target;
	}

	public String getRestoreFrom() {
		return this.restoreFrom;
	}

	public void setRestoreFrom(String restoreFrom) {
		this.restoreFrom = restoreFrom;
	}

	public boolean isJson() {
		return this.json;
	}

	public void setJson(boolean json) {
		this.json = json;
	}

	public boolean isCommandExit() {
		return this.commandExit;
	}

	public void setCommandExit(boolean commandExit) {
		this.commandExit = commandExit;
	}

	public List<String> getRepair() {
		return this.repair;
	}

	public void setRepair(List<String> repair) {
		this.repair = repair;
	}

	public int getPageSize() {
		return this.pageSize;
	}

	public void setPageSize(int pageSize) {
		this.pageSize = pageSize;
	}

	public String getLegacyHistoryTable() {
		return this.legacyHistoryTable;
	}

	public void setLegacyHistoryTable(String legacyHistoryTable) {
		this.legacyHistoryTable = legacyHistoryTable;
	}

}
