package io.github.webuimigrations.command;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.webuimigrations.MigrationInfo;
import io.github.webuimigrations.MigrationState;
import io.github.webuimigrations.PreflightFinding;
import io.github.webuimigrations.SchemaStatus;
import io.github.webuimigrations.Tier;
import io.github.webuimigrations.drift.SchemaDrift;
import io.github.webuimigrations.json.PythonJson;
import io.github.webuimigrations.revisioned.OpenWebuiReleases;

/**
 * What the commands print: the migrations as a table or JSON, the findings of a preflight,
 * what is half-done, the backups and the drift.
 *
 * @author webui-migrations
 */
final class CommandOutput {

	private static final String NEWLINE = String.format("%n");

	private CommandOutput() {
	}

	static String table(List<MigrationInfo> infos) {
		StringBuilder table = new StringBuilder(String.format("%-11s %-13s %-40s %-9s %-20s %s%n", "TIER", "ID",
				"DESCRIPTION", "STATE", "INSTALLED ON (UTC)", "TIME"));
		DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
		for (MigrationInfo info : infos) {
			table.append(String.format("%-11s %-13s %-40s %-9s %-20s %s%n", info.tier().name().toLowerCase(),
					info.id(), info.description(), info.state().name().toLowerCase(),
					(info.installedOn() != null) ? time.format(info.installedOn()) : "",
					(info.executionTimeMillis() != null) ? info.executionTimeMillis() + " ms" : ""));
		}
		for (Tier tier : Tier.values()) {
			String current = infos.stream()
				.filter((info) -> info.tier() == tier && info.isApplied())
				.reduce((first, second) -> second)
				.map(MigrationInfo::description)
				.orElse("none");
			long pending = infos.stream()
				.filter((info) -> info.tier() == tier && (info.state() == MigrationState.PENDING
						|| info.state() == MigrationState.FAILED || info.state() == MigrationState.RUNNING))
				.count();
			String name = tier.name().charAt(0) + tier.name().substring(1).toLowerCase();
			table.append(String.format("%s tier: at %s, %d pending%n", name, current, pending));
		}
		SchemaStatus status = SchemaStatus.of(infos);
		table.append("Database: ").append(status.adoption()).append(NEWLINE);
		table.append("Schema: open-webui ").append(status.openWebuiVersion()).append(" (this starter: open-webui ")
			.append(OpenWebuiReleases.STARTER).append(")").append(NEWLINE);
		return table.toString();
	}

	static String json(List<MigrationInfo> infos) {
		List<Object> migrations = new ArrayList<>();
		for (MigrationInfo info : infos) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("tier", info.tier().name().toLowerCase());
			entry.put("id", info.id());
			entry.put("description", info.description());
			entry.put("state", info.state().name().toLowerCase());
			entry.put("installedOn", (info.installedOn() != null) ? info.installedOn().toString() : null);
			entry.put("executionTime", info.executionTimeMillis());
			entry.put("checksum", info.checksum());
			entry.put("changed", info.changed());
			migrations.add(entry);
		}
		Map<String, Object> root = new LinkedHashMap<>();
		root.put("migrations", migrations);
		return PythonJson.dumps(root);
	}

	static String label(PreflightFinding finding) {
		return switch (finding.impact()) {
			case BLOCKS -> "BLOCKS    ";
			case UPSTREAM_ONLY -> "UPSTREAM  ";
			case REPAIR -> "REPAIR    ";
			case POSSIBLE_REPAIR -> "POSSIBLE  ";
		};
	}

	/** The last line of a preflight. */
	static String summary(List<PreflightFinding> findings) {
		long blocking = count(findings, PreflightFinding.Impact.BLOCKS);
		long repairs = count(findings, PreflightFinding.Impact.REPAIR);
		long possible = count(findings, PreflightFinding.Impact.POSSIBLE_REPAIR);
		return findings.isEmpty() ? "Nothing found: the pending migrations can run"
				: blocking + " rows stop a pending migration; " + (findings.size() - blocking - repairs - possible)
						+ " rows open-webui would stop on or lose are migrated and kept by this starter"
						+ ((repairs > 0) ? "; " + repairs + " things open-webui left half-done are repaired by migrate" : "")
						+ ((possible > 0) ? "; " + possible + " things that may be half-done are left as they are unless "
								+ "asked (migrate --repair <revision>)" : "");
	}

	static long count(List<PreflightFinding> findings, PreflightFinding.Impact impact) {
		return findings.stream().filter((finding) -> finding.impact() == impact).count();
	}

	static String halfDone(List<PreflightFinding> findings) {
		StringBuilder lines = new StringBuilder();
		for (PreflightFinding finding : findings) {
			lines.append((finding.impact() == PreflightFinding.Impact.POSSIBLE_REPAIR) ? "Possible repair: "
					: (finding.impact() == PreflightFinding.Impact.REPAIR) ? "Repaired by migrate: " : "Half-done: ")
				.append(finding)
				.append(NEWLINE);
		}
		return lines.toString();
	}

	static String backups(List<Path> backups) {
		StringBuilder lines = new StringBuilder();
		for (Path backup : backups) {
			lines.append("Backup: ").append(backup).append(NEWLINE);
		}
		return lines.toString();
	}

	static String drift(SchemaDrift drift, boolean json, long millis) {
		if (json) {
			List<Object> differences = new ArrayList<>();
			for (SchemaDrift.Difference difference : drift.differences()) {
				Map<String, Object> entry = new LinkedHashMap<>();
				entry.put("kind", difference.kind().name().toLowerCase());
				entry.put("item", difference.item());
				entry.put("expected", difference.expected());
				entry.put("actual", difference.actual());
				differences.add(entry);
			}
			Map<String, Object> root = new LinkedHashMap<>();
			root.put("point", drift.point());
			root.put("differences", differences);
			return PythonJson.dumps(root) + NEWLINE;
		}
		StringBuilder lines = new StringBuilder();
		drift.differences().forEach((difference) -> lines.append(difference).append(NEWLINE));
		lines.append(drift.isEmpty() ? "No drift: the schema is what the migrations build at " + drift.point()
				: drift.differences().size() + " differences from the schema the migrations build at " + drift.point())
			.append(" (checked in ").append(millis).append(" ms)").append(NEWLINE);
		return lines.toString();
	}

}
