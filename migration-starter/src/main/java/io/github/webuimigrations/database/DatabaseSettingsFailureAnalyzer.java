package io.github.webuimigrations.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an unusable database setting as its one-line message instead of a stack trace.
 *
 * @author webui-migrations
 */
class DatabaseSettingsFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseSettingsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DatabaseSettingsException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Correct the setting named above (environment variable or webui.database.* property).", cause);
	}

}
