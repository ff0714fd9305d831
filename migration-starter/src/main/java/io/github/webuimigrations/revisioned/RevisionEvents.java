package io.github.webuimigrations.revisioned;

import java.time.Duration;

import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.database.Database;

import io.github.webuimigrations.MigrationListener;
import io.github.webuimigrations.Tier;

/**
 * Turns Liquibase's changeSet events into revision events for a {@link MigrationListener}.
 *
 * @author webui-migrations
 */
class RevisionEvents extends AbstractChangeExecListener {

	private final MigrationListener listener;

	private long started;

	RevisionEvents(MigrationListener listener) {
		this.listener = listener;
	}

	@Override
	public void willRun(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database database,
			ChangeSet.RunStatus runStatus) {
		this.started = System.nanoTime();
		Revision revision = Revisions.find(changeSet.getId());
		this.listener.migrationStarted(Tier.REVISIONED, changeSet.getId(),
				(revision != null) ? revision.fileName() : changeSet.getId());
	}

	@Override
	public void ran(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database database,
			ChangeSet.ExecType execType) {
		this.listener.migrationFinished(Tier.REVISIONED, changeSet.getId(),
				Duration.ofNanos(System.nanoTime() - this.started));
	}

	@Override
	public void runFailed(ChangeSet changeSet, DatabaseChangeLog databaseChangeLog, Database database,
			Exception exception) {
		this.listener.migrationFailed(Tier.REVISIONED, changeSet.getId(), exception);
	}

}
