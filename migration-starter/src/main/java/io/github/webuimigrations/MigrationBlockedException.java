package io.github.webuimigrations;

import java.util.List;

/**
 * A migration refused before anything changed, because rows of the database would stop a
 * pending migration halfway: the same rows {@code preflight} lists as blocking.
 *
 * @author webui-migrations
 */
public class MigrationBlockedException extends MigrationException {

	private static final int LISTED = 3;

	private final transient List<PreflightFinding> blockers;

	public MigrationBlockedException(List<PreflightFinding> blockers) {
		super(message(blockers));
		this.blockers = List.copyOf(blockers);
	}

	/**
	 * The rows that stop a pending migration.
	 * @return the findings, in migration order
	 */
	public List<PreflightFinding> blockers() {
		return this.blockers;
	}

	private static String message(List<PreflightFinding> blockers) {
		List<String> listed = blockers.stream().limit(LISTED).map(PreflightFinding::toString).toList();
		return "Nothing was migrated: " + blockers.size() + ((blockers.size() == 1) ? " row stops" : " rows stop")
				+ " a pending migration, the database is unchanged: " + String.join("; ", listed)
				+ ((blockers.size() > LISTED) ? "; and " + (blockers.size() - LISTED) + " more" : "")
				+ " (fix them and migrate again; preflight lists them all)";
	}

}
