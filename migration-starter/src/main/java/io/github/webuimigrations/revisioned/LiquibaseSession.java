package io.github.webuimigrations.revisioned;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import liquibase.ChecksumVersion;
import liquibase.Contexts;
import liquibase.GlobalConfiguration;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.analytics.configuration.AnalyticsArgs;
import liquibase.changelog.ChangeLogHistoryService;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.RanChangeSet;
import liquibase.changelog.visitor.ChangeExecListener;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.executor.ExecutorService;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.statement.core.MarkChangeSetRanStatement;
import liquibase.ui.LoggerUIService;

import io.github.webuimigrations.MigrationException;
import io.github.webuimigrations.database.Failures;
import io.github.webuimigrations.database.WebuiDatabase;
import io.github.webuimigrations.revisioned.op.RevisionOperations;

/**
 * Liquibase on one connection of the database, with the changelog built from the chain for one
 * run: runs revisions ({@code update}, {@code rollback}) and keeps Liquibase's history
 * ({@code DATABASECHANGELOG}): which revisions ran, which were adopted, and the rows of a
 * one-pass group, recorded inside the group's transaction.
 *
 * @author webui-migrations
 */
final class LiquibaseSession {

	/** Liquibase's history table (unquoted: SQLite ignores the case, PostgreSQL folds it). */
	static final String HISTORY_TABLE = "DATABASECHANGELOG";

	/** Liquibase's lock table. */
	static final String LOCK_TABLE = "DATABASECHANGELOGLOCK";

	private final Liquibase liquibase;

	private final Database database;

	private final Connection connection;

	private final RevisionExecution execution;

	private LiquibaseSession(Liquibase liquibase, Database database, Connection connection,
			RevisionExecution execution) {
		this.liquibase = liquibase;
		this.database = database;
		this.connection = connection;
		this.execution = execution;
	}

	/**
	 * Run work with Liquibase on a new connection of the database.
	 * @param <T> what the work returns
	 * @param webui the database
	 * @param execution how the run applies revisions
	 * @param work the work
	 * @return what it returned
	 * @throws MigrationException on a failure (its own, or wrapping another)
	 */
	static <T> T open(WebuiDatabase webui, RevisionExecution execution, Work<T> work) {
		try (Connection connection = webui.dataSource().getConnection()) {
			Database database = DatabaseFactory.getInstance()
				.findCorrectDatabaseImplementation(new JdbcConnection(connection));
			if (webui.schema() != null && !database.getShortName().equals("sqlite")) {
				database.setDefaultSchemaName(webui.schema());
				connection.setSchema(webui.schema());
			}
			List<T> result = new ArrayList<>(1);
			Scope.child(scope(), () -> {
				Liquibase liquibase = new Liquibase(RevisionChangelog.of(Revisions.CHAIN, execution),
						new ClassLoaderResourceAccessor(LiquibaseSession.class.getClassLoader()), database);
				result.add(work.run(new LiquibaseSession(liquibase, database, connection, execution)));
			});
			return result.get(0);
		}
		catch (MigrationException ex) {
			throw ex;
		}
		catch (Exception ex) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof MigrationException migration) {
					throw migration;
				}
			}
			throw new MigrationException("The revisioned tier failed: " + Failures.rootMessage(ex), ex);
		}
	}

	/**
	 * This version's checksum of every revision's changeSet, in a checksum version; no
	 * database needed.
	 * @param version the checksum version
	 * @return the checksums by revision id
	 */
	static Map<String, String> checksums(ChecksumVersion version) {
		Map<String, String> sums = new HashMap<>();
		try {
			Scope.child(scope(), () -> {
				for (ChangeSet changeSet : RevisionChangelog.of(Revisions.CHAIN, RevisionExecution.reading(1))
					.getChangeSets()) {
					sums.put(changeSet.getId(), changeSet.generateCheckSum(version).toString());
				}
			});
		}
		catch (Exception ex) {
			throw new MigrationException("Cannot compute the revisions' checksums: " + Failures.rootMessage(ex), ex);
		}
		return sums;
	}

	/**
	 * No usage reports (a migration host may have no network), and output to the log, not the console. Keys come
	 * from Liquibase's own definitions: relocated inside the starter's jar, a literal key would no longer match.
	 */
	private static Map<String, Object> scope() {
		return Map.of(AnalyticsArgs.ENABLED.getKey(), false, GlobalConfiguration.SHOW_BANNER.getKey(), false,
				"liquibase.command." + ShowSummaryArgument.SHOW_SUMMARY_OUTPUT.getName(), "LOG",
				Scope.Attr.ui.name(), new LoggerUIService());
	}

	Connection connection() {
		return this.connection;
	}

	/**
	 * Operations on this session's connection, for reading and bookkeeping.
	 * @return the operations
	 * @throws SQLException if the dialect cannot be read
	 */
	RevisionOperations operations() throws SQLException {
		return this.execution.operations(this.connection, null, null);
	}

	RevisionExecution execution() {
		return this.execution;
	}

	/**
	 * The changeSets Liquibase's history records, read afresh.
	 * @return the ran changeSets by id
	 * @throws Exception on a database error
	 */
	Map<String, RanChangeSet> ran() throws Exception {
		ChangeLogHistoryService history = history();
		history.reset();
		Map<String, RanChangeSet> ran = new HashMap<>();
		for (RanChangeSet row : history.getRanChangeSets()) {
			ran.put(row.getId(), row);
		}
		return ran;
	}

	/**
	 * Apply the next pending revisions, one transaction each.
	 * @param count how many
	 * @param listener told of each revision
	 * @throws Exception if one fails; it was rolled back
	 */
	void update(int count, ChangeExecListener listener) throws Exception {
		this.liquibase.setChangeExecListener(listener);
		this.liquibase.update(count, new Contexts(), new LabelExpression());
	}

	/**
	 * Downgrade the newest applied revisions, one transaction each.
	 * @param count how many
	 * @throws Exception if one fails; it was rolled back
	 */
	void rollback(int count) throws Exception {
		this.liquibase.rollback(count, null, new Contexts(), new LabelExpression());
	}

	/**
	 * Record revisions open-webui's Alembic applied as ran, so they are not run again, and commit.
	 * @param revisions the revisions
	 * @throws Exception on a database error
	 */
	void adopt(List<Revision> revisions) throws Exception {
		ChangeLogHistoryService history = history();
		history.init();
		Map<String, RanChangeSet> ran = ran();
		for (ChangeSet changeSet : changeSets(revisions)) {
			if (!ran.containsKey(changeSet.getId())) {
				history.setExecType(changeSet, ChangeSet.ExecType.MARK_RAN);
			}
		}
		this.database.commit();
	}

	/**
	 * Forget revisions that open-webui's Alembic downgraded, and commit.
	 * @param ids their ids
	 * @throws Exception on a database error
	 */
	void forget(List<String> ids) throws Exception {
		try (PreparedStatement forget = this.connection
			.prepareStatement("DELETE FROM " + HISTORY_TABLE + " WHERE ID = ?")) {
			for (String id : ids) {
				forget.setString(1, id);
				forget.addBatch();
			}
			forget.executeBatch();
		}
		this.database.commit();
	}

	/**
	 * Get the history table ready for rows written inside a transaction of our own.
	 * @throws Exception on a database error
	 */
	void prepareHistory() throws Exception {
		history().init();
	}

	/**
	 * Record a revision as Liquibase records an executed changeSet, without the commit Liquibase
	 * makes after each: in the transaction of a one-pass group.
	 * @param revision the revision
	 * @throws Exception on a database error
	 */
	void record(Revision revision) throws Exception {
		Scope.getCurrentScope()
			.getSingleton(ExecutorService.class)
			.getExecutor("jdbc", this.database)
			.execute(new MarkChangeSetRanStatement(changeSets(List.of(revision)).get(0), ChangeSet.ExecType.EXECUTED));
	}

	void commit() throws Exception {
		this.database.commit();
	}

	void rollbackTransaction() throws Exception {
		this.database.rollback();
	}

	/** Forget the history read so far: the next read sees what a transaction of our own wrote. */
	void resetHistory() {
		history().reset();
	}

	private List<ChangeSet> changeSets(List<Revision> revisions) throws Exception {
		List<String> ids = revisions.stream().map(Revision::id).toList();
		return this.liquibase.getDatabaseChangeLog()
			.getChangeSets()
			.stream()
			.filter((changeSet) -> ids.contains(changeSet.getId()))
			.toList();
	}

	private ChangeLogHistoryService history() {
		return Scope.getCurrentScope()
			.getSingleton(ChangeLogHistoryServiceFactory.class)
			.getChangeLogService(this.database);
	}

	/**
	 * Work done with a session.
	 * @param <T> what it returns
	 */
	@FunctionalInterface
	interface Work<T> {

		T run(LiquibaseSession session) throws Exception;

	}

}
