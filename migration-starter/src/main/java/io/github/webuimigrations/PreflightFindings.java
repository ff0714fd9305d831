package io.github.webuimigrations;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects what one pending migration's preflight check finds.
 *
 * @author webui-migrations
 */
public final class PreflightFindings {

	private final Tier tier;

	private final String migration;

	private final List<PreflightFinding> findings;

	/**
	 * Collect for one migration into a shared list.
	 * @param tier the migration's tier
	 * @param migration its legacy number or revision id
	 * @param findings where findings go
	 */
	public PreflightFindings(Tier tier, String migration, List<PreflightFinding> findings) {
		this.tier = tier;
		this.migration = migration;
		this.findings = findings;
	}

	/**
	 * The migration would stop on this row.
	 * @param table the table
	 * @param row the row's key
	 * @param problem what is wrong and what to do
	 */
	public void blocks(String table, String row, String problem) {
		this.findings.add(new PreflightFinding(this.tier, this.migration, PreflightFinding.Impact.BLOCKS, table, row,
				problem));
	}

	/**
	 * open-webui would stop on or lose this row; we keep it.
	 * @param table the table
	 * @param row the row's key
	 * @param problem what upstream does and what we do instead
	 */
	public void upstreamOnly(String table, String row, String problem) {
		this.findings.add(new PreflightFinding(this.tier, this.migration, PreflightFinding.Impact.UPSTREAM_ONLY, table,
				row, problem));
	}

	/**
	 * open-webui left this half-done; {@code migrate} completes it.
	 * @param table the table
	 * @param what what is left undone and what migrate does
	 */
	public void repair(String table, String what) {
		this.findings.add(new PreflightFinding(this.tier, this.migration, PreflightFinding.Impact.REPAIR, table, "(table)",
				what));
	}

	/**
	 * This looks half-done by open-webui, but could be a user's own doing; reported only.
	 * @param table the table
	 * @param what what looks undone, the evidence, and how to ask for the repair
	 */
	public void possibleRepair(String table, String what) {
		this.findings.add(new PreflightFinding(this.tier, this.migration, PreflightFinding.Impact.POSSIBLE_REPAIR, table,
				"(table)", what));
	}

	/**
	 * What was found so far, for all migrations.
	 * @return the findings
	 */
	public List<PreflightFinding> all() {
		return new ArrayList<>(this.findings);
	}

}
