package io.github.webuimigrations;

import java.util.ArrayList;
import java.util.List;

import io.github.webuimigrations.revisioned.OpenWebuiReleases;

/**
 * How a database stands against this version's migrations: up to date, behind (migrations
 * pending), ahead (it holds migrations this version does not know) or changed (an applied
 * migration's recorded checksum differs from this version's).
 *
 * @param level the verdict
 * @param legacyVersion the last applied legacy migration ({@code 018_add_function_is_global}),
 * {@code none}, or {@code skipped} for a database upstream built with revisions alone
 * @param revision the last applied revision ({@code d4c1a8e37b62}), or {@code none}
 * @param problems one line per migration that is not as it should be
 * @param adoption how the database came to be managed here: made by this starter, or adopted
 * from a peewee-era or an Alembic-only open-webui database
 * @author webui-migrations
 */
public record SchemaStatus(Level level, String legacyVersion, String revision, List<String> problems,
		String adoption) {

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
	 * The open-webui release whose schema the database has.
	 * @return e.g. {@code 0.11.1 to 0.11.4}, {@code 0.11.0}, {@code older than 0.11.0}, or
	 * {@code none} for an empty database
	 */
	public String openWebuiVersion() {
		if (this.level == Level.AHEAD) {
			return OpenWebuiReleases.NEWER;
		}
		if (this.revision.equals("none")) {
			return this.legacyVersion.equals("none") ? "none" : OpenWebuiReleases.of(null);
		}
		return OpenWebuiReleases.of(this.revision);
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
		return new SchemaStatus(level, legacy, revision, List.copyOf(problems), adoption(infos));
	}

	private static String adoption(List<MigrationInfo> infos) {
		long legacyAdopted = count(infos, Tier.LEGACY, MigrationState.ADOPTED);
		long revisionsAdopted = count(infos, Tier.REVISIONED, MigrationState.ADOPTED);
		boolean legacySkipped = count(infos, Tier.LEGACY, MigrationState.SKIPPED) > 0;
		boolean anyApplied = infos.stream().anyMatch((info) -> info.state() == MigrationState.APPLIED);
		String lastAdopted = infos.stream()
			.filter((info) -> info.tier() == Tier.REVISIONED && info.state() == MigrationState.ADOPTED)
			.reduce((first, second) -> second)
			.map(MigrationInfo::id)
			.orElse(null);
		if (legacySkipped) {
			return "built by open-webui's revisions alone (0.10 or later): legacy tier not applicable"
					+ ((lastAdopted != null) ? ", revisions up to " + lastAdopted + " adopted from alembic_version" : "");
		}
		if (legacyAdopted > 0) {
			return "peewee-era open-webui database: legacy migrations 001 to " + String.format("%03d", legacyAdopted)
					+ " adopted from migratehistory"
					+ ((lastAdopted != null) ? ", revisions up to " + lastAdopted + " adopted from alembic_version" : "");
		}
		if (revisionsAdopted > 0) {
			return "revisions up to " + lastAdopted + " adopted from alembic_version";
		}
		return anyApplied ? "built by this starter" : "empty: nothing applied yet";
	}

	private static long count(List<MigrationInfo> infos, Tier tier, MigrationState state) {
		return infos.stream().filter((info) -> info.tier() == tier && info.state() == state).count();
	}

}
