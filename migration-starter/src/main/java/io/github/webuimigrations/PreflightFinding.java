package io.github.webuimigrations;

/**
 * A row that a pending migration would stop on or, in open-webui, lose: found by reading the
 * database before migrating it.
 *
 * @param tier the tier of the migration
 * @param migration the migration's legacy number or revision id
 * @param impact what the row does to the migration
 * @param table the table holding the row
 * @param row the row's key
 * @param problem what is wrong with it, and what to do
 * @author webui-migrations
 */
public record PreflightFinding(Tier tier, String migration, Impact impact, String table, String row,
		String problem) {

	/**
	 * What a row does to a migration.
	 */
	public enum Impact {

		/** The migration stops on this row, here as in open-webui: fix the row first. */
		BLOCKS,

		/** open-webui stops on or loses this row; this starter migrates it and keeps its data. */
		UPSTREAM_ONLY,

		/**
		 * open-webui left this revision half-done (a failed run whose DDL stayed, then skipped
		 * by the revision's own guard), and its trace is there (or the repair was asked for):
		 * {@code migrate} completes it.
		 */
		REPAIR,

		/**
		 * This looks like a revision open-webui left half-done, but nothing only its failure
		 * leaves is there: a user's own changes look the same. Nothing is changed unless the
		 * repair is asked for ({@code webui.migrations.repair}).
		 */
		POSSIBLE_REPAIR

	}

	@Override
	public String toString() {
		return this.tier.name().toLowerCase() + " " + this.migration + " " + this.table + " " + this.row + ": "
				+ this.problem;
	}

}
