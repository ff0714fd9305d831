package io.github.webuimigrations.revisioned;

import java.sql.Connection;
import java.sql.SQLException;

import liquibase.Scope;
import liquibase.change.custom.CustomTaskChange;
import liquibase.change.custom.CustomTaskRollback;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CustomChangeException;
import liquibase.exception.RollbackImpossibleException;
import liquibase.exception.SetupException;
import liquibase.exception.ValidationErrors;
import liquibase.resource.ResourceAccessor;

import io.github.webuimigrations.MigrationListener;
import io.github.webuimigrations.Tier;

/**
 * The Liquibase change that runs one {@link Revision}: its upgrade (or downgrade) and the
 * {@code alembic_version} update, inside the changeSet's transaction.
 *
 * @author webui-migrations
 */
public class RevisionChange implements CustomTaskChange, CustomTaskRollback {

	private String revision;

	public String getRevision() {
		return this.revision;
	}

	public void setRevision(String revision) {
		this.revision = revision;
	}

	@Override
	public void execute(Database database) throws CustomChangeException {
		Revision current = Revisions.byId(this.revision);
		try {
			MigrationListener listener = Scope.getCurrentScope().get(RevisionedTier.LISTENER_KEY, MigrationListener.NONE);
			RevisionOperations op = new RevisionOperations(connection(database),
					(done, total) -> listener.rowsDone(Tier.REVISIONED, this.revision, done, total));
			current.upgrade(op);
			AlembicVersion.write(op, this.revision);
		}
		catch (SQLException | RuntimeException ex) {
			throw new CustomChangeException(current.fileName() + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public void rollback(Database database) throws CustomChangeException, RollbackImpossibleException {
		Revision current = Revisions.byId(this.revision);
		try {
			RevisionOperations op = new RevisionOperations(connection(database));
			String refusal = current.downgradeRefusal(op);
			if (refusal != null) {
				throw new RollbackImpossibleException(refusal);
			}
			current.downgrade(op);
			AlembicVersion.write(op, Revisions.downRevision(this.revision));
		}
		catch (SQLException | RuntimeException ex) {
			throw new CustomChangeException(current.fileName() + " downgrade: " + ex.getMessage(), ex);
		}
	}

	private static Connection connection(Database database) {
		return ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
	}

	@Override
	public String getConfirmationMessage() {
		return "Revision " + this.revision + " applied";
	}

	@Override
	public void setUp() throws SetupException {
	}

	@Override
	public void setFileOpener(ResourceAccessor resourceAccessor) {
	}

	@Override
	public ValidationErrors validate(Database database) {
		ValidationErrors errors = new ValidationErrors();
		if (Revisions.find(this.revision) == null) {
			errors.addError("Unknown revision " + this.revision);
		}
		return errors;
	}

}
