package io.github.webuimigrations.actuate;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.github.webuimigrations.MigrationListener;
import io.github.webuimigrations.Tier;

/**
 * Micrometer timers for migration runs: {@value #TIER_TIMER} per tier and
 * {@value #MIGRATION_TIMER} per migration, tagged with the outcome.
 *
 * @author webui-migrations
 */
public class MigrationMetrics implements MigrationListener {

	/** Time each tier took to apply its pending migrations. */
	public static final String TIER_TIMER = "webui.migrations.tier";

	/** Time each migration took. */
	public static final String MIGRATION_TIMER = "webui.migrations.migration";

	private final Supplier<MeterRegistry> registry;

	private final Map<String, Long> started = new ConcurrentHashMap<>();

	/**
	 * Record into a registry found when the first event arrives (it may not exist yet when
	 * this listener is made).
	 * @param registry the registry, or a supplier of {@code null} if there is none
	 */
	public MigrationMetrics(Supplier<MeterRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public void tierFinished(Tier tier, int applied, Duration duration) {
		MeterRegistry meters = this.registry.get();
		if (meters != null) {
			Timer.builder(TIER_TIMER)
				.description("Time a migration tier took to apply its pending migrations")
				.tag("tier", tier.name().toLowerCase())
				.register(meters)
				.record(duration);
		}
	}

	@Override
	public void migrationStarted(Tier tier, String id, String description) {
		this.started.put(tier + id, System.nanoTime());
	}

	@Override
	public void migrationFinished(Tier tier, String id, Duration duration) {
		this.started.remove(tier + id);
		record(tier, id, "success", duration.toNanos());
	}

	@Override
	public void migrationFailed(Tier tier, String id, Throwable failure) {
		Long start = this.started.remove(tier + id);
		record(tier, id, "failure", (start != null) ? System.nanoTime() - start : 0);
	}

	private void record(Tier tier, String id, String outcome, long nanos) {
		MeterRegistry meters = this.registry.get();
		if (meters != null) {
			Timer.builder(MIGRATION_TIMER)
				.description("Time a migration took")
				.tag("tier", tier.name().toLowerCase())
				.tag("migration", id)
				.tag("outcome", outcome)
				.register(meters)
				.record(nanos, TimeUnit.NANOSECONDS);
		}
	}

}
