package io.github.webuimigrations.revisioned;

import java.util.List;

import liquibase.change.custom.CustomChangeWrapper;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.exception.CustomChangeException;

/**
 * The revisioned tier's Liquibase changelog, built from the chain ({@link Revisions#CHAIN}), the
 * one place the chain is declared: one changeSet per revision, in chain order, whose id is the
 * revision id and whose change runs the revision ({@link RevisionChange}). The file paths and
 * comments are those of the YAML changelogs this starter shipped before, so that Liquibase's
 * history rows (id, author, file name, checksum) of databases it migrated then still match.
 *
 * @author webui-migrations
 */
final class RevisionChangelog {

	/** The changelog's path, as Liquibase's history knows it. */
	static final String PATH = "db/revisions/changelog-master.yaml";

	/** The author of every changeSet. */
	static final String AUTHOR = "open-webui";

	private RevisionChangelog() {
	}

	/**
	 * The changelog of a chain, its changes bound to a run.
	 * @param chain the revisions, base first
	 * @param execution how the run applies them
	 * @return the changelog
	 */
	static DatabaseChangeLog of(List<Revision> chain, RevisionExecution execution) {
		DatabaseChangeLog changelog = new DatabaseChangeLog(PATH);
		for (Revision revision : chain) {
			ChangeSet changeSet = new ChangeSet(revision.id(), AUTHOR, false, false, filePath(revision), null, null,
					changelog);
			changeSet.setComments(revision.title());
			changeSet.addChange(change(revision, execution));
			changelog.addChangeSet(changeSet);
		}
		return changelog;
	}

	/** The file of the revision's changelog in 0.1.0, and its identity in Liquibase's history since. */
	static String filePath(Revision revision) {
		return "db/revisions/" + revision.fileName() + ".yaml";
	}

	private static CustomChangeWrapper change(Revision revision, RevisionExecution execution) {
		CustomChangeWrapper wrapper = new CustomChangeWrapper();
		try {
			wrapper.setClass(RevisionChange.class.getName());
		}
		catch (CustomChangeException ex) {
			throw new IllegalStateException("Cannot create the change of revision " + revision.id(), ex);
		}
		wrapper.setParam("revision", revision.id());
		((RevisionChange) wrapper.getCustomChange()).bind(revision, execution);
		return wrapper;
	}

}
