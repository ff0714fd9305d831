package com.example.consumer;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The starter's commands from the packaged application, as its users run it: a word and
 * options after {@code java -jar} (the application's main hands them over), or the properties
 * on any Boot application; no web server starts for a command.
 */
class CommandsIT {

	@TempDir
	Path directory;

	@Test
	void theCommandsRunFromTheApplicationsJar() throws Exception {
		String url = "--webui.database.url=sqlite:///" + this.directory.resolve("webui.db");
		int port = freePort();
		String server = "--server.port=" + port;
		assertThat(run("migrate", "--to", "009", url, server)).exitsWith(0).prints("Migrated to 009");
		assertThat(run("validate", url)).exitsWith(3);
		assertThat(run("--webui.migrations.command=migrate", url, server)).exitsWith(0);
		assertThat(run("info", "--json", url)).exitsWith(0).prints("\"d4c1a8e37b62\"");
		assertThat(run("--webui.migrations.command=rollback", "--webui.migrations.target=7e5b5dc7342b", url))
			.exitsWith(0)
			.prints("Rolled back to 7e5b5dc7342b");
		assertThat(run("drift", url)).exitsWith(0);
		assertThat(run("rollback", url)).exitsWith(2).complains("error: rollback needs --to <target>");
		assertThat(run("info", "--webui.database.url=mysql://root:s3cret@h/db")).exitsWith(1)
			.complains("error: ")
			.doesNotMention("s3cret");
		assertThat(listening(port)).isFalse();
		// a command that fails while the application starts is one line too
		assertThat(run("info", "--webui.database.url=sqlite:///" + this.directory.resolve("missing/dir/webui.db")))
			.exitsWith(1)
			.complains("error: ");
		String reason = run("info", "--webui.database.url=sqlite:///" + this.directory.resolve("missing/dir/webui.db"))
			.err();
		org.assertj.core.api.Assertions.assertThat(reason.strip().lines().count()).as(reason).isEqualTo(1);
	}

	private Result run(String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", System.getProperty("application.jar")));
		command.addAll(List.of(args));
		Path out = this.directory.resolve("out.txt");
		Path err = this.directory.resolve("err.txt");
		Process process = new ProcessBuilder(command).directory(this.directory.toFile())
			.redirectOutput(out.toFile())
			.redirectError(err.toFile())
			.start();
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
				Files.readString(err, StandardCharsets.UTF_8));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static boolean listening(int port) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	record Result(int code, String out, String err) {
	}

	private static ResultAssert assertThat(Result result) {
		return new ResultAssert(result);
	}

	private static org.assertj.core.api.AbstractBooleanAssert<?> assertThat(boolean value) {
		return org.assertj.core.api.Assertions.assertThat(value);
	}

	static final class ResultAssert {

		private final Result result;

		ResultAssert(Result result) {
			this.result = result;
		}

		ResultAssert exitsWith(int code) {
			org.assertj.core.api.Assertions.assertThat(this.result.code())
				.as("exit code; out:%n%s%nerr:%n%s", this.result.out(), this.result.err())
				.isEqualTo(code);
			return this;
		}

		ResultAssert prints(String text) {
			org.assertj.core.api.Assertions.assertThat(this.result.out()).contains(text);
			return this;
		}

		ResultAssert complains(String text) {
			org.assertj.core.api.Assertions.assertThat(this.result.err()).contains(text).doesNotContain("\tat ");
			return this;
		}

		ResultAssert doesNotMention(String text) {
			org.assertj.core.api.Assertions.assertThat(this.result.out() + this.result.err()).doesNotContain(text);
			return this;
		}

	}

}
