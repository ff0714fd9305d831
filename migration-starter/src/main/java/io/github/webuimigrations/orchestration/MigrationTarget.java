package io.github.webuimigrations.orchestration;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.webuimigrations.MigrationException;
import io.github.webuimigrations.Tier;
import io.github.webuimigrations.legacy.LegacyMigration;
import io.github.webuimigrations.revisioned.Revision;

/**
 * Where a {@code migrate --to} or {@code rollback --to} stops: {@code head} (everything),
 * {@code base} (nothing), a legacy migration by number ({@code 9}, {@code 009}) or name
 * ({@code 009_add_models}), or a revision id.
 *
 * @param tier the tier of the stopping point, {@code null} for head and base
 * @param legacyNumber the legacy migration number (0 for base), or {@code null}
 * @param revision the revision id, or {@code null}
 * @author webui-migrations
 */
public record MigrationTarget(Tier tier, Integer legacyNumber, String revision) {

	/** Every migration of both tiers. */
	public static final MigrationTarget HEAD = new MigrationTarget(null, null, null);

	/** Before the first legacy migration. */
	public static final MigrationTarget BASE = new MigrationTarget(Tier.LEGACY, 0, null);

	private static final Pattern LEGACY = Pattern.compile("(\\d{1,3})(_\\w+)?");

	/**
	 * Parse a target as users write it.
	 * @param text the target
	 * @param legacyMigrations the legacy migrations, to check numbers and names
	 * @return the target
	 * @throws MigrationException if no migration has that name
	 */
	public static MigrationTarget parse(String text, List<LegacyMigration> legacyMigrations, List<Revision> revisions) {
		String value = (text != null) ? text.strip() : "";
		if (value.isEmpty() || value.equalsIgnoreCase("head")) {
			return HEAD;
		}
		if (value.equalsIgnoreCase("base")) {
			return BASE;
		}
		Matcher legacy = LEGACY.matcher(value);
		if (legacy.matches()) {
			int number = Integer.parseInt(legacy.group(1));
			if (number >= 1 && number <= legacyMigrations.size()) {
				String name = legacyMigrations.get(number - 1).upstreamName();
				if (legacy.group(2) == null || name.equals(value)) {
					return new MigrationTarget(Tier.LEGACY, number, null);
				}
			}
		}
		for (Revision revision : revisions) {
			if (revision.id().equals(value) || revision.fileName().equals(value)) {
				return new MigrationTarget(Tier.REVISIONED, null, revision.id());
			}
		}
		throw new MigrationException("Unknown migration target '" + value + "': give head, base, a legacy migration "
				+ "(001 to " + String.format("%03d", legacyMigrations.size()) + ", or its name like 009_add_models) "
				+ "or a revision id of the revisioned tier (" + revisions.get(0).id() + " to "
				+ revisions.get(revisions.size() - 1).id() + ")");
	}

	@Override
	public String toString() {
		if (this == HEAD || (this.tier == null)) {
			return "head";
		}
		if (this.legacyNumber != null) {
			return (this.legacyNumber == 0) ? "base" : String.format("%03d", this.legacyNumber);
		}
		return this.revision;
	}

}
