package io.github.webuimigrations.orchestration;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.github.webuimigrations.MigrationException;

/**
 * Reports a failed migration as its one-line message instead of a stack trace.
 *
 * @author webui-migrations
 */
class MigrationFailureAnalyzer extends AbstractFailureAnalyzer<MigrationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MigrationException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Fix the data or settings named above and start again; `info` shows the state of both tiers.", cause);
	}

}
