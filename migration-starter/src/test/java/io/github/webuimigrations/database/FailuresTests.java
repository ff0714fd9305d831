package io.github.webuimigrations.database;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-line reason of a failure names a lost connection and why, even when a later error on
 * the dead connection became the root cause.
 *
 * @author webui-migrations
 */
class FailuresTests {

	@Test
	void theRootCauseFirstLine() {
		Exception failure = new IllegalStateException("outer", new SQLException("near \"x\": syntax error\nmore", "HY000"));
		assertThat(Failures.rootMessage(failure)).isEqualTo("near \"x\": syntax error");
	}

	@Test
	void aServerThatEndedTheSessionIsNamedOverTheClosedConnectionItLeft() {
		SQLException terminated = new SQLException("FATAL: terminating connection due to administrator command", "57P01");
		SQLException closed = new SQLException("Connection is closed", "08003");
		closed.addSuppressed(terminated);
		Exception failure = new RuntimeException("The revision failed", new RuntimeException(closed));
		assertThat(Failures.rootMessage(failure)).isEqualTo(
				"the connection to the database was lost (FATAL: terminating connection due to administrator command)");
	}

	@Test
	void aClosedConnectionAloneIsStillALostConnection() {
		Exception failure = new RuntimeException(new SQLException("Connection is closed", "08003"));
		assertThat(Failures.rootMessage(failure)).isEqualTo("the connection to the database was lost (Connection is closed)");
	}

}
