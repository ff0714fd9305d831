package io.github.webuimigrations.revisioned;

import java.sql.Connection;
import java.sql.SQLException;

import liquibase.change.custom.CustomTaskChange;
import liquibase.change.custom.CustomTaskRollback;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CustomChangeException;
import liquibase.exception.RollbackImpossibleException;
import liquibase.exception.SetupException;
import liquibase.exception.ValidationErrors;
import liquibase.resource.ResourceAccessor;

/**
 * The Liquibase change that runs one {@link Revision}: its upgrade (or downgrade) and the
 * {@code alembic_version} update, inside the changeSet's transaction. Its only parameter,
 * {@code revision}, is what Liquibase's checksum covers; the revision itself and the run it
 * belongs to are handed over by {@link RevisionChangelog}, which builds the changelog.
 *
 * @author webui-migrations
 */
public class RevisionChange implements CustomTaskChange, CustomTaskRollback {

	private String revision;

	private Revision bound;

	private RevisionExecution execution;

	public String getRevision() {
		return this.revision;
	}

	public void setRevision(String revision) {
		this.revision = revision;
	}

	void bind(Revision revision, RevisionExecution execution) {
		this.bound = revision;
		this.execution = execution;
	}

	@Override
	public void execute(Database database) throws CustomChangeException {
		try {
			this.execution.upgradeAlone(connection(database), this.bound);
		}
		catch (SQLException | RuntimeException ex) {
			throw new CustomChangeException(this.bound.fileName() + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public void rollback(Database database) throws CustomChangeException, RollbackImpossibleException {
		try {
			this.execution.downgrade(connection(database), this.bound);
		}
		catch (RevisionExecution.DowngradeRefusedException ex) {
			throw new RollbackImpossibleException(ex.getMessage());
		}
		catch (SQLException | RuntimeException ex) {
			throw new CustomChangeException(this.bound.fileName() + " downgrade: " + ex.getMessage(), ex);
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
		if (this.bound == null || !this.bound.id().equals(this.revision)) {
			errors.addError("Revision " + this.revision + " is not bound to this version's chain");
		}
		return errors;
	}

}
