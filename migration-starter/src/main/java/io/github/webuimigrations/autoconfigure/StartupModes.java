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
		return binder.bind("webui.migrations", MigrationsProperties.class)
			.orElseGet(MigrationsProperties::new)
			.effectiveMode();
	}

}
