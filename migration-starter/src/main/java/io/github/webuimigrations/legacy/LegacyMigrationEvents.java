package io.github.webuimigrations.legacy;

import java.time.Duration;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

import io.github.webuimigrations.MigrationListener;
import io.github.webuimigrations.Tier;

/**
 * Turns Flyway's per-migration events into legacy migration events for a
 * {@link MigrationListener}.
 *
 * @author webui-migrations
 */
class LegacyMigrationEvents implements Callback {

	private final MigrationListener listener;

	private long started;

	LegacyMigrationEvents(MigrationListener listener) {
		this.listener = listener;
	}

	@Override
	public boolean supports(Event event, Context context) {
		return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE
				|| event == Event.AFTER_EACH_MIGRATE_ERROR;
	}

	@Override
	public boolean canHandleInTransaction(Event event, Context context) {
		return true;
	}

	@Override
	public void handle(Event event, Context context) {
		if (context.getMigrationInfo() == null || context.getMigrationInfo().getVersion() == null) {
			return;
		}
		String id = String.format("%03d", Integer.parseInt(context.getMigrationInfo().getVersion().getVersion()));
		switch (event) {
			case BEFORE_EACH_MIGRATE -> {
				this.started = System.nanoTime();
				this.listener.migrationStarted(Tier.LEGACY, id, id + "_" + context.getMigrationInfo().getDescription()
					.replace(' ', '_'));
			}
			case AFTER_EACH_MIGRATE -> this.listener.migrationFinished(Tier.LEGACY, id,
					Duration.ofNanos(System.nanoTime() - this.started));
			default -> this.listener.migrationFailed(Tier.LEGACY, id,
					new IllegalStateException("legacy migration " + id + " failed"));
		}
	}

	@Override
	public String getCallbackName() {
		return "webui-legacy-events";
	}

}
