package io.github.webuimigrations.revisioned;

import java.util.List;
import java.util.Map;

import liquibase.changelog.RanChangeSet;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.webuimigrations.MigrationException;

/**
 * Liquibase's history brought in line with {@code alembic_version}, which open-webui reads and
 * writes too: revisions open-webui's Alembic applied are recorded as ran (adopted), revisions
 * it downgraded are forgotten, and what neither explains stops the run.
 *
 * @author webui-migrations
 */
final class AlembicAdoption {

	private static final Log logger = LogFactory.getLog(AlembicAdoption.class);

	private AlembicAdoption() {
	}

	/**
	 * Adopt what open-webui did since this starter last ran.
	 * @param session the run's Liquibase session
	 * @return how many revisions of the chain the database has
	 * @throws Exception on a database error
	 * @throws MigrationException if the two histories cannot be reconciled
	 */
	static int adopt(LiquibaseSession session) throws Exception {
		String alembic = AlembicVersion.read(session.operations());
		Map<String, RanChangeSet> recorded = session.ran();
		List<String> unknown = recorded.keySet().stream().filter((id) -> Revisions.find(id) == null).sorted().toList();
		if (!unknown.isEmpty()) {
			throw new MigrationException("Liquibase's history records " + String.join(", ", unknown)
					+ ", not a revision of this version's chain: a newer version of this starter or another tool "
					+ "migrated this database; refusing to touch it");
		}
		int applied = recorded.size();
		if (alembic == null) {
			if (applied > 0) {
				String last = Revisions.CHAIN.get(applied - 1).id();
				throw new MigrationException("alembic_version is empty, but this starter's history records revisions "
						+ "up to " + last + ": open-webui downgraded the database or alembic_version was removed. If the "
						+ "schema is at " + last + ", restore it (INSERT INTO alembic_version VALUES ('" + last
						+ "')); if open-webui downgraded it, remove the later rows from DATABASECHANGELOG");
			}
			return applied;
		}
		int index = Revisions.indexOf(alembic);
		if (index < 0) {
			throw new MigrationException("alembic_version is at revision " + alembic
					+ ", which is not in this version's chain (" + Revisions.CHAIN.size() + " revisions up to "
					+ Revisions.HEAD + "): the database was migrated by a newer open-webui or by a fork");
		}
		if (index + 1 < applied) {
			// open-webui's Alembic downgraded after us (our own runs keep both records in one transaction):
			// the schema is where alembic_version says, so forget what was undone and migrate again from there
			List<String> undone = Revisions.CHAIN.subList(index + 1, applied).stream().map(Revision::id).toList();
			session.forget(undone);
			logger.warn("alembic_version is at " + alembic + " but this starter's history went up to "
					+ undone.get(undone.size() - 1) + ": open-webui downgraded the database; forgot " + undone.size()
					+ " revisions, which will be applied again");
			return index + 1;
		}
		if (index + 1 > applied) {
			session.adopt(Revisions.CHAIN.subList(0, index + 1));
			logger.info("Adopted revisions up to " + alembic + ", applied by open-webui's Alembic");
			return index + 1;
		}
		return applied;
	}

}
