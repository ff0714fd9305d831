package io.github.webuimigrations.orchestration;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.github.webuimigrations.MigrationInfo;
import io.github.webuimigrations.MigrationListener;
import io.github.webuimigrations.MigrationState;
import io.github.webuimigrations.Tier;

/**
 * What this process is doing to the database, or did last: idle, migrating (which migration,
 * how far through its rows), succeeded or failed. Read by the actuator endpoint, the health
 * contributor and the status page while a run goes on in another thread.
 *
 * @author webui-migrations
 */
public class MigrationRun implements MigrationListener {

	/**
	 * The phase of the run.
	 */
	public enum Phase {

		/** Nothing ran in this process yet. */
		IDLE,

		/** Applying migrations. */
		MIGRATING,

		/** Rolling migrations back. */
		ROLLING_BACK,

		/** The last run finished. */
		SUCCEEDED,

		/** The last run failed. */
		FAILED

	}

	/**
	 * A row count through a data migration.
	 *
	 * @param done rows done in the current pass
	 * @param total rows in the pass
	 * @param rowsPerSecond the rate so far
	 * @param secondsLeft estimated seconds to the end of the pass, or {@code null} if unknown
	 */
	public record Progress(long done, long total, long rowsPerSecond, Long secondsLeft) {

		/**
		 * The share done.
		 * @return 0 to 100
		 */
		public int percent() {
			return (this.total > 0) ? (int) Math.min(100, this.done * 100 / this.total) : 100;
		}

	}

	/**
	 * A migration this run is applying.
	 *
	 * @param tier its tier
	 * @param id its legacy number or revision id
	 * @param description its upstream name
	 * @param startedAt when it started
	 * @param progress how far through its rows, or {@code null} if it reported none
	 */
	public record Current(Tier tier, String id, String description, Instant startedAt, Progress progress) {
	}

	/**
	 * A copy of the run's state at one moment.
	 *
	 * @param phase the phase
	 * @param startedAt when the run started, or {@code null}
	 * @param finishedAt when it ended, or {@code null}
	 * @param current the migration being applied, or {@code null}
	 * @param failedMigration the migration that failed ({@code tier:id}), or {@code null}
	 * @param failure why the run failed, or {@code null}
	 * @param durations how long each migration of this run took, by {@code tier:id}
	 * @param backup the copy of the database taken before this run, or {@code null}
	 */
	public record Snapshot(Phase phase, Instant startedAt, Instant finishedAt, Current current, String failedMigration,
			String failure, Map<String, Duration> durations, String backup) {
	}

	private Phase phase = Phase.IDLE;

	private Instant startedAt;

	private Instant finishedAt;

	private Current current;

	private long progressStartNanos;

	private String failedMigration;

	private String failure;

	private String backup;

	private final Map<String, Duration> durations = new LinkedHashMap<>();

	private List<MigrationInfo> view;

	/**
	 * The state now.
	 * @return a snapshot
	 */
	public synchronized Snapshot snapshot() {
		return new Snapshot(this.phase, this.startedAt, this.finishedAt, this.current, this.failedMigration,
				this.failure, Map.copyOf(this.durations), this.backup);
	}

	/**
	 * The migrations as this run sees them while it runs (read once at its start, then kept
	 * up to date from its events), so that nobody needs to read a database being migrated.
	 * @return the migrations, or {@code null} when no run is going on
	 */
	synchronized List<MigrationInfo> view() {
		boolean running = this.phase == Phase.MIGRATING || this.phase == Phase.ROLLING_BACK;
		return (running && this.view != null) ? List.copyOf(this.view) : null;
	}

	synchronized void started(Phase newPhase, List<MigrationInfo> infos) {
		this.view = new ArrayList<>(infos);
		this.phase = newPhase;
		this.startedAt = Instant.now();
		this.finishedAt = null;
		this.current = null;
		this.failedMigration = null;
		this.failure = null;
		this.backup = null;
		this.durations.clear();
	}

	synchronized void backedUp(String file) {
		this.backup = file;
	}

	synchronized void succeeded() {
		this.view = null;
		this.phase = Phase.SUCCEEDED;
		this.finishedAt = Instant.now();
		this.current = null;
	}

	synchronized void failed(String message) {
		this.phase = Phase.FAILED;
		this.finishedAt = Instant.now();
		if (this.current != null && this.failedMigration == null) {
			this.failedMigration = key(this.current.tier(), this.current.id());
		}
		this.current = null;
		this.failure = message;
		this.view = null;
	}

	@Override
	public synchronized void migrationStarted(Tier tier, String id, String description) {
		this.current = new Current(tier, id, description, Instant.now(), null);
		updateView(tier, id, (info) -> info.withState(MigrationState.RUNNING));
	}

	@Override
	public synchronized void migrationFinished(Tier tier, String id, Duration duration) {
		this.durations.put(key(tier, id), duration);
		this.current = null;
		updateView(tier, id, (info) -> new MigrationInfo(tier, id, info.description(), MigrationState.APPLIED,
				Instant.now(), (int) duration.toMillis(), info.checksum(), false));
	}

	private void updateView(Tier tier, String id, UnaryOperator<MigrationInfo> update) {
		if (this.view == null) {
			return;
		}
		for (int i = 0; i < this.view.size(); i++) {
			MigrationInfo info = this.view.get(i);
			if (info.tier() == tier && info.id().equals(id)) {
				this.view.set(i, update.apply(info));
			}
		}
	}

	@Override
	public synchronized void migrationFailed(Tier tier, String id, Throwable failure) {
		this.failedMigration = key(tier, id);
	}

	@Override
	public synchronized void rowsDone(Tier tier, String id, long done, long total) {
		if (this.current == null || !this.current.id().equals(id)) {
			return;
		}
		long now = System.nanoTime();
		if (done == 0 || this.current.progress() == null || done < this.current.progress().done()) {
			// a new pass through a table
			this.progressStartNanos = now;
		}
		double seconds = (now - this.progressStartNanos) / 1e9;
		long rate = (seconds > 0) ? (long) (done / seconds) : 0;
		Long left = (rate > 0) ? (total - done) / rate : null;
		this.current = new Current(tier, id, this.current.description(), this.current.startedAt(),
				new Progress(done, total, rate, left));
	}

	static String key(Tier tier, String id) {
		return tier.name().toLowerCase() + ":" + id;
	}

}
