package io.github.webuimigrations.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

import io.github.webuimigrations.orchestration.StartupMode;

/**
 * Matches unless the start-up mode is disabled ({@code webui.migrations.mode=disabled} or
 * {@code webui.migrations.enabled=false}, which ENABLE_DB_MIGRATIONS sets).
 *
 * @author webui-migrations
 */
class OnStartupModeCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		StartupMode mode = StartupModes.of(Binder.get(context.getEnvironment()));
		return (mode != StartupMode.DISABLED) ? ConditionOutcome.match("start-up mode is " + mode)
				: ConditionOutcome.noMatch("start-up mode is disabled");
	}

}
