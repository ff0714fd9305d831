package io.github.webuimigrations;

import java.util.ArrayList;
import java.util.List;

/**
 * How a database stands against this version's migrations: up to date, behind (migrations
 * pending), ahead (it holds migrations this version does not know) or changed (an applied
 * migration's recorded checksum differs from this version's).
 *
 * @param level the verdict
 * @param legacyVersion the last applied legacy migration ({@code 018_add_function_is_global}),
 * {@code none}, or {@code skipped} for a database upstream built with revisions alone
 * @param revision the last applied revision ({@code f0bd01a18a3d}), or {@code none}
 * @param problems one line per migration that is not as it should be
 * @author webui-migrations
 */
public record SchemaStatus(Level level, String legacyVersion, String revision, List<String> problems) {

	/**
	 * The verdict, worst first.
	 */
	public enum Level {

		/** Holds migrations this version does not know: a newer version or a fork migrated it. */
		AHEAD,

		/** An applied migration is not the one this version has. */
		CHANGED,

		/** Migrations are pending. */
		BEHIND,

		/** Every migration is applied and unchanged. */
		UP_TO_DATE

	}

	/**
	 * Whether every migration is applied and unchanged.
	 * @return true if up to date
	 */
	public boolean isUpToDate() {
		return this.level == Level.UP_TO_DATE;
	}

	/**
	 * Judge the migrations of both tiers.
	 * @param infos every migration with its state
	 * @return the status
	 */
	public static SchemaStatus of(List<MigrationInfo> infos) {
		List<String> problems = new ArrayList<>();
		boolean ahead = false;
		boolean changed = false;
		boolean behind = false;
		String legacy = "none";
		String revision = "none";
		for (MigrationInfo info : infos) {
			String name = info.tier().name().toLowerCase() + " migration " + info.description();
			switch (info.state()) {
				case UNKNOWN -> {
					ahead = true;
					problems.add(info.tier().name().toLowerCase() + " migration " + info.id() + " is recorded in the "
							+ "database but not part of this version");
				}
				case PENDING, FAILED, RUNNING -> {
					behind = true;
					problems.add(name + " is " + info.state().name().toLowerCase());
				}
				case SKIPPED -> legacy = "skipped";
				default -> {
					if (info.tier() == Tier.LEGACY) {
						legacy = info.description();
					}
					else {
						revision = info.id();
					}
				}
			}
			if (info.changed()) {
				changed = true;
				problems.add(name + " was changed after it was applied (recorded checksum " + info.checksum() + ")");
			}
		}
		Level level = ahead ? Level.AHEAD : changed ? Level.CHANGED : behind ? Level.BEHIND : Level.UP_TO_DATE;
		return new SchemaStatus(level, legacy, revision, List.copyOf(problems));
	}

}
