package io.github.webuimigrations.orchestration;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.webuimigrations.MigrationListener;
import io.github.webuimigrations.Tier;

/**
 * Logs each migration once it is applied (one INFO line; its start at DEBUG) and, for long
 * data migrations, how far through its rows it is at a steady pace: rows done of total, rows
 * per second and the time left.
 *
 * @author webui-migrations
 */
public class ProgressLog implements MigrationListener {

	private static final Log logger = LogFactory.getLog(ProgressLog.class);

	private final long intervalNanos;

	private long passStart;

	private long lastLog;

	public ProgressLog(Duration interval) {
		this.intervalNanos = interval.toNanos();
	}

	@Override
	public void migrationStarted(Tier tier, String id, String description) {
		logger.debug("Applying " + tier.name().toLowerCase() + " migration " + description);
	}

	@Override
	public void migrationFinished(Tier tier, String id, Duration duration) {
		logger.info("Applied " + tier.name().toLowerCase() + " migration " + id + " in " + duration.toMillis() + " ms");
	}

	@Override
	public void rowsDone(Tier tier, String id, long done, long total) {
		long now = System.nanoTime();
		if (done == 0) {
			this.passStart = now;
			this.lastLog = now;
			return;
		}
		if (now - this.lastLog < this.intervalNanos && done < total) {
			return;
		}
		if (done >= total && now - this.passStart < this.intervalNanos) {
			// a short pass needs no progress line
			return;
		}
		this.lastLog = now;
		logger.info(line(id, done, total, now - this.passStart));
	}

	static String line(String id, long done, long total, long elapsedNanos) {
		double seconds = Math.max(elapsedNanos / 1e9, 1e-3);
		long rate = (long) (done / seconds);
		String left = (rate > 0 && done < total) ? ", about " + formatSeconds((total - done) / rate) + " left" : "";
		return String.format("%s: %,d of %,d rows (%d%%), %,d rows/s%s", id, done, total,
				(total > 0) ? done * 100 / total : 100, rate, left);
	}

	private static String formatSeconds(long seconds) {
		return (seconds < 120) ? seconds + " s" : (seconds / 60) + " min";
	}

}
