package io.github.webuimigrations.orchestration;

import java.time.Duration;
import java.util.List;

import io.github.webuimigrations.MigrationException;
import io.github.webuimigrations.MigrationInfo;
import io.github.webuimigrations.SchemaStatus;
import io.github.webuimigrations.Tier;
import io.github.webuimigrations.drift.DriftCheck;
import io.github.webuimigrations.drift.SchemaDrift;
import io.github.webuimigrations.revisioned.OpenWebuiReleases;
import io.github.webuimigrations.revisioned.Revisions;

/**
 * The drift of the database from the schema our migrations build at its recorded point (for a
 * database ahead of us: our head), reused for a while as long as that point stays the same, and
 * the verdict on a database ahead of this version.
 *
 * @author webui-migrations
 */
final class DriftReports {

	/** How long a drift result is reused while the recorded point stays the same. */
	private static final Duration REUSE = Duration.ofMinutes(10);

	private final DriftCheck check;

	private final AheadPolicy ahead;

	private volatile Cached cached;

	DriftReports(DriftCheck check, AheadPolicy ahead) {
		this.check = check;
		this.ahead = ahead;
	}

	/**
	 * The drift at the recorded point, computed or reused.
	 * @param infos both tiers' migrations as recorded
	 * @return the drift
	 */
	SchemaDrift drift(List<MigrationInfo> infos) {
		SchemaStatus status = SchemaStatus.of(infos);
		Integer legacy = status.legacyVersion().equals("skipped") ? null
				: (int) infos.stream().filter((info) -> info.tier() == Tier.LEGACY && info.isApplied()).count();
		String revision = (status.level() == SchemaStatus.Level.AHEAD) ? Revisions.HEAD
				: status.revision().equals("none") ? null : status.revision();
		String point = legacy + "/" + revision;
		Cached last = this.cached;
		if (last != null && last.point().equals(point) && System.nanoTime() - last.at() < REUSE.toNanos()) {
			return last.drift();
		}
		SchemaDrift drift = this.check.check(legacy, revision);
		this.cached = new Cached(point, System.nanoTime(), drift);
		return drift;
	}

	/**
	 * The last drift computed, if recent; never starts a check.
	 * @return the drift, or {@code null}
	 */
	SchemaDrift last() {
		Cached last = this.cached;
		return (last != null && System.nanoTime() - last.at() < REUSE.toNanos()) ? last.drift() : null;
	}

	/**
	 * Whether a database ahead of us is used as it is: the policy tolerates it and its schema
	 * holds everything our head has.
	 * @param infos both tiers' migrations as recorded
	 * @return false for a database that is not ahead
	 */
	boolean tolerated(List<MigrationInfo> infos) {
		return SchemaStatus.of(infos).level() == SchemaStatus.Level.AHEAD && this.ahead == AheadPolicy.TOLERATE
				&& drift(infos).holdsEverythingExpected();
	}

	/**
	 * Check a database ahead of us before it is used as it is.
	 * @param infos both tiers' migrations as recorded
	 * @return its drift from our head, which holds everything our head has
	 * @throws MigrationException if the policy refuses it or its schema lacks something of ours
	 */
	SchemaDrift checkAhead(List<MigrationInfo> infos) {
		String refusal = "The database is ahead of this version, refusing to touch it: " + unknown(infos);
		if (this.ahead == AheadPolicy.REFUSE) {
			throw new MigrationException(refusal + " (webui.migrations.ahead=refuse)");
		}
		SchemaDrift drift = drift(infos);
		if (!drift.holdsEverythingExpected()) {
			List<SchemaDrift.Difference> lacking = drift.missingOrDifferent();
			throw new MigrationException(refusal + "; and its schema lacks what open-webui " + OpenWebuiReleases.STARTER
					+ "'s has: " + String.join("; ", lacking.stream().limit(5).map(Object::toString).toList())
					+ ((lacking.size() > 5) ? "; and " + (lacking.size() - 5) + " more" : ""));
		}
		return drift;
	}

	/** What makes the database ahead, in words. */
	static String unknown(List<MigrationInfo> infos) {
		return String.join("; ", SchemaStatus.of(infos)
			.problems()
			.stream()
			.filter((problem) -> problem.contains("not part of this version"))
			.toList());
	}

	private record Cached(String point, long at, SchemaDrift drift) {
	}

}
