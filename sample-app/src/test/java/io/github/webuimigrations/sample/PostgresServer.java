package io.github.webuimigrations.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.github.webuimigrations.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test PostgreSQL server of this machine (Debian's cluster, as {@code .ci/run} starts it).
 */
final class PostgresServer {

	private PostgresServer() {
	}

	/**
	 * Restart it with a fast shutdown (sessions end, transactions roll back), as a failover does,
	 * and wait until it accepts connections again. Needs root, as the CI has.
	 * @throws Exception if it cannot
	 */
	static void restart() throws Exception {
		String version;
		try (var versions = Files.list(Path.of("/etc/postgresql"))) {
			version = versions.map((path) -> path.getFileName().toString()).sorted().findFirst().orElseThrow();
		}
		Process restart = new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart",
				"--", "-m", "fast").redirectErrorStream(true).start();
		String output = new String(restart.getInputStream().readAllBytes());
		assertThat(restart.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(restart.exitValue()).as(output).isZero();
		for (int i = 0; i < 60; i++) {
			Process ready = new ProcessBuilder("pg_isready", "-h", TestDatabase.POSTGRES_HOST, "-p",
					TestDatabase.POSTGRES_PORT, "-q").start();
			if (ready.waitFor(10, TimeUnit.SECONDS) && ready.exitValue() == 0) {
				return;
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("PostgreSQL did not come back after a restart");
	}

}
