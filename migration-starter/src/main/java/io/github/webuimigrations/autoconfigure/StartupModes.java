package io.github.webuimigrations.autoconfigure;

import org.springframework.boot.context.properties.bind.Binder;

import io.github.webuimigrations.orchestration.StartupMode;

/**
 * Reads the start-up mode from the environment before the properties are bound.
 *
 * @author webui-migrations
 */
final class StartupModes {

	private StartupModes() {
	}

	static StartupMode of(Binder binder) {
		boolean enabled = binder.bind("webui.migrations.enabled", Boolean.class).orElse(true);
		StartupMode mode = binder.bind("webui.migrations.mode", StartupMode.class).orElse(StartupMode.MIGRATE);
		return enabled ? mode : StartupMode.DISABLED;
	}

}
