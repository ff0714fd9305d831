package io.github.webuimigrations.orchestration;

import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Test access to the package-private failure analyzer.
 */
public class MigrationFailureAnalyzerAccess {

	public FailureAnalysis analyze(Throwable failure) {
		return new MigrationFailureAnalyzer().analyze(failure);
	}

}
