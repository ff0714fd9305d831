package io.github.webuimigrations.revisioned;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

import io.github.webuimigrations.MigrationException;
import io.github.webuimigrations.MigrationInfo;

/**
 * The revisioned tier: open-webui's Alembic revision chain as Liquibase changelogs, one per
 * revision, included in chain order by {@value #MASTER_CHANGELOG}. The chain itself arrives
 * revision by revision; this class runs whatever the master changelog includes.
 *
 * @author webui-migrations
 */
public class RevisionedTier {

	/** The master changelog, on the classpath. */
	public static final String MASTER_CHANGELOG = "db/revisions/changelog-master.yaml";

	private final DataSource dataSource;

	private final String schema;

	public RevisionedTier(DataSource dataSource, String schema) {
		this.dataSource = dataSource;
		this.schema = (schema == null || schema.isBlank()) ? null : schema;
	}

	/**
	 * Apply the pending revisions.
	 * @throws MigrationException if a revision fails
	 */
	public void migrate() {
		try (Connection connection = this.dataSource.getConnection()) {
			Database database = DatabaseFactory.getInstance()
				.findCorrectDatabaseImplementation(new JdbcConnection(connection));
			if (this.schema != null && !database.getShortName().equals("sqlite")) {
				database.setDefaultSchemaName(this.schema);
			}
			// no usage reports (a migration host may have no network), and output to the log, not the console
			Map<String, Object> scope = Map.of("liquibase.analytics.enabled", false, "liquibase.showBanner", false,
					"liquibase.showSummaryOutput", "LOG", Scope.Attr.ui.name(), new LoggerUIService());
			Scope.child(scope, () -> {
				try (Liquibase liquibase = new Liquibase(MASTER_CHANGELOG,
						new ClassLoaderResourceAccessor(getClass().getClassLoader()), database)) {
					liquibase.update(new Contexts(), new LabelExpression());
				}
			});
		}
		catch (SQLException ex) {
			throw new MigrationException("The revisioned tier cannot connect: " + ex.getMessage(), ex);
		}
		catch (Exception ex) {
			throw new MigrationException("The revisioned tier failed: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Every revision with its state; none yet, the chain arrives with the next revisions.
	 * @return the revisions in chain order
	 */
	public List<MigrationInfo> info() {
		return List.of();
	}

}
