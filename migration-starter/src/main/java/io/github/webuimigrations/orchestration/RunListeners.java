package io.github.webuimigrations.orchestration;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.webuimigrations.MigrationListener;
import io.github.webuimigrations.Tier;

/**
 * Tells every listener of a run what happens; one that throws does not stop the run.
 *
 * @param all the listeners, in order
 * @author webui-migrations
 */
record RunListeners(List<MigrationListener> all) implements MigrationListener {

	private static final Log logger = LogFactory.getLog(RunListeners.class);

	@Override
	public void tierStarted(Tier tier) {
		each((listener) -> listener.tierStarted(tier));
	}

	@Override
	public void tierFinished(Tier tier, int applied, Duration duration) {
		each((listener) -> listener.tierFinished(tier, applied, duration));
	}

	@Override
	public void migrationStarted(Tier tier, String id, String description) {
		each((listener) -> listener.migrationStarted(tier, id, description));
	}

	@Override
	public void migrationFinished(Tier tier, String id, Duration duration) {
		each((listener) -> listener.migrationFinished(tier, id, duration));
	}

	@Override
	public void migrationFailed(Tier tier, String id, Throwable failure) {
		each((listener) -> listener.migrationFailed(tier, id, failure));
	}

	@Override
	public void rowsDone(Tier tier, String id, long done, long total) {
		each((listener) -> listener.rowsDone(tier, id, done, total));
	}

	private void each(Consumer<MigrationListener> call) {
		for (MigrationListener listener : this.all) {
			try {
				call.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.warn("Migration listener " + listener.getClass().getName() + " failed: " + ex);
			}
		}
	}

}
