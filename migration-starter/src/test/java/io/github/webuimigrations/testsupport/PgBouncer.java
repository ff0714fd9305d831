package io.github.webuimigrations.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A PgBouncer (Debian's {@code pgbouncer}, which {@code .ci/run} installs) in front of the test
 * PostgreSQL server, in one pooling mode, on a free local port; stopped on close. Under
 * {@code CI=true} a missing PgBouncer fails the test; elsewhere it is skipped.
 */
public final class PgBouncer implements AutoCloseable {

	private final Process process;

	private final int port;

	private final Path directory;

	private PgBouncer(Process process, int port, Path directory) {
		this.process = process;
		this.port = port;
		this.directory = directory;
	}

	/**
	 * Start a PgBouncer.
	 * @param mode {@code session}, {@code transaction} or {@code statement}
	 * @return the running PgBouncer
	 * @throws Exception if it cannot start
	 */
	public static PgBouncer start(String mode) throws Exception {
		Path binary = List.of(Path.of("/usr/sbin/pgbouncer"), Path.of("/usr/bin/pgbouncer"))
			.stream()
			.filter(Files::isExecutable)
			.findFirst()
			.orElse(null);
		if (binary == null && "true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException("PgBouncer must be installed under CI=true (.ci/run installs pgbouncer)");
		}
		Assumptions.assumeTrue(binary != null, "no pgbouncer installed");
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Path directory = Files.createTempDirectory("pgbouncer-" + mode);
		Files.writeString(directory.resolve("users.txt"), "\"postgres\" \"\"\n");
		Files.writeString(directory.resolve("pgbouncer.ini"), String.join("\n", "[databases]",
				"* = host=" + TestDatabase.POSTGRES_HOST + " port=" + TestDatabase.POSTGRES_PORT, "[pgbouncer]",
				"listen_addr = 127.0.0.1", "listen_port = " + port, "unix_socket_dir =", "auth_type = trust",
				"auth_file = " + directory.resolve("users.txt"), "pool_mode = " + mode, "max_client_conn = 500",
				"default_pool_size = 40",
				// what the JDBC driver sends at start-up and PgBouncer would otherwise refuse
				"ignore_startup_parameters = extra_float_digits,options", ""));
		List<String> command = new ArrayList<>(List.of(binary.toString()));
		if ("root".equals(System.getProperty("user.name"))) {
			// PgBouncer refuses to run as root
			command.addAll(List.of("-u", "postgres"));
		}
		command.add(directory.resolve("pgbouncer.ini").toString());
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(directory.resolve("pgbouncer.log").toFile())
			.start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (true) {
			try (Socket probe = new Socket("127.0.0.1", port)) {
				return new PgBouncer(process, port, directory);
			}
			catch (IOException ex) {
				if (!process.isAlive() || System.nanoTime() > deadline) {
					process.destroyForcibly();
					throw new IllegalStateException("PgBouncer did not start: "
							+ Files.readString(directory.resolve("pgbouncer.log")), ex);
				}
				Thread.sleep(50);
			}
		}
	}

	public int port() {
		return this.port;
	}

	/**
	 * The URL of a test database through this PgBouncer, in {@code DATABASE_URL}'s form.
	 * @param database a PostgreSQL test database
	 * @return the URL
	 */
	public String url(TestDatabase database) {
		return database.url().replace(TestDatabase.POSTGRES_HOST + ":" + TestDatabase.POSTGRES_PORT, "127.0.0.1:" + this.port);
	}

	/**
	 * The same, as a JDBC URL.
	 * @param database a PostgreSQL test database
	 * @return the JDBC URL
	 */
	public String jdbcUrl(TestDatabase database) {
		return database.jdbcUrl().replace(TestDatabase.POSTGRES_HOST + ":" + TestDatabase.POSTGRES_PORT,
				"127.0.0.1:" + this.port);
	}

	@Override
	public void close() throws Exception {
		this.process.destroy();
		if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
		try (var files = Files.list(this.directory)) {
			for (Path file : files.toList()) {
				Files.deleteIfExists(file);
			}
		}
		Files.deleteIfExists(this.directory);
	}

}
