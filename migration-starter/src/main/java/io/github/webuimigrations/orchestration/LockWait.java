package io.github.webuimigrations.orchestration;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.webuimigrations.MigrationException;

/**
 * Waiting for the migration lock: attempts every 250 ms, a line every log interval, a one-line
 * refusal once the timeout has passed. Threads of one JVM queue on a lock of their own first.
 *
 * @author webui-migrations
 */
final class LockWait {

	/** Under the name operators filter the lock's lines by. */
	private static final Log logger = LogFactory.getLog(MigrationLock.class);

	/** Threads of one JVM queue here first: a JVM cannot take an OS file lock twice. */
	private static final Map<String, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

	private static final long POLL_MILLIS = 250;

	private final Duration timeout;

	private final Duration logInterval;

	LockWait(Duration timeout, Duration logInterval) {
		this.timeout = timeout;
		this.logInterval = logInterval;
	}

	/**
	 * The lock the threads of this JVM take before a lock of the given name.
	 * @param name what is locked
	 * @return its in-JVM lock
	 */
	static ReentrantLock inThisJvm(String name) {
		return IN_THIS_JVM.computeIfAbsent(name, (key) -> new ReentrantLock());
	}

	void until(String what, String operation, Attempt attempt) throws SQLException {
		until(what, operation, attempt, () -> "");
	}

	/**
	 * Attempt until an attempt succeeds or the timeout passes.
	 * @param what the lock, for messages
	 * @param operation what the lock is for, for messages
	 * @param attempt one attempt
	 * @param holder who holds the lock, for messages (empty if unknown)
	 * @throws SQLException if an attempt fails
	 * @throws MigrationException once the timeout has passed
	 */
	void until(String what, String operation, Attempt attempt, Holder holder) throws SQLException {
		long start = System.nanoTime();
		long lastLog = 0;
		boolean logged = false;
		while (!attempt.tryOnce()) {
			long now = System.nanoTime();
			long waited = now - start;
			if (waited >= this.timeout.toNanos()) {
				throw new MigrationException("Gave up after " + TimeUnit.NANOSECONDS.toSeconds(waited)
						+ " s waiting for the migration lock (" + what + holder.describe() + ") to " + operation
						+ ": another instance is still migrating this database; let it finish, or raise "
						+ "webui.migrations.lock-timeout");
			}
			if (!logged || now - lastLog >= this.logInterval.toNanos()) {
				logged = true;
				lastLog = now;
				logger.info("Waiting for the migration lock (" + what + holder.describe() + ") to " + operation
						+ ": another instance is migrating; giving up in "
						+ Math.max(0, (this.timeout.toNanos() - waited) / 1_000_000_000L) + " s");
			}
			try {
				Thread.sleep(POLL_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new MigrationException("Interrupted while waiting for the migration lock (" + what + ")", ex);
			}
		}
	}

	/** One attempt to take a lock. */
	@FunctionalInterface
	interface Attempt {

		boolean tryOnce() throws SQLException;

	}

	/** Who holds a lock, for the waiting line. */
	@FunctionalInterface
	interface Holder {

		String describe();

	}

}
