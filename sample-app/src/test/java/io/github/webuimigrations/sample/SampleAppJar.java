package io.github.webuimigrations.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code sample-app.jar} as users do: {@code java -jar}, settings in environment
 * variables, nothing inherited from this machine's own {@code DATABASE_*} variables.
 */
final class SampleAppJar {

	private SampleAppJar() {
	}

	record Result(int exitCode, String out, String err) {

		String all() {
			return this.out + this.err;
		}

	}

	static Path jar() {
		return Path.of(System.getProperty("sampleApp.jar", "target/sample-app.jar"));
	}

	static Result run(Path workingDirectory, Map<String, String> environment, String... args)
			throws IOException, InterruptedException {
		return runWith(List.of(), Duration.ofSeconds(120), workingDirectory, environment, args);
	}

	/** Run with JVM options (such as {@code -Xmx64m}) and a time limit. */
	static Result runWith(List<String> jvmOptions, Duration limit, Path workingDirectory, Map<String, String> environment,
			String... args) throws IOException, InterruptedException {
		ProcessBuilder builder = builder(workingDirectory, environment, args);
		builder.command().addAll(1, jvmOptions);
		Process process = builder.start();
		Path out = Files.createTempFile(workingDirectory, "out", ".txt");
		Path err = Files.createTempFile(workingDirectory, "err", ".txt");
		Thread outCopy = new Thread(() -> copy(process.getInputStream(), out));
		Thread errCopy = new Thread(() -> copy(process.getErrorStream(), err));
		outCopy.start();
		errCopy.start();
		if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("sample-app.jar did not finish in " + limit.toSeconds() + " s");
		}
		outCopy.join();
		errCopy.join();
		return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
	}

	/**
	 * Start the app as a server; its output goes to {@code app.log} in the working directory,
	 * since a pipe nobody reads would block the app once full.
	 */
	static Process serve(Path workingDirectory, Map<String, String> environment, String... args) throws IOException {
		ProcessBuilder builder = builder(workingDirectory, environment, args);
		builder.redirectErrorStream(true).redirectOutput(workingDirectory.resolve("app.log").toFile());
		return builder.start();
	}

	static Process start(Path workingDirectory, Map<String, String> environment, String... args) throws IOException {
		return builder(workingDirectory, environment, args).start();
	}

	private static ProcessBuilder builder(Path workingDirectory, Map<String, String> environment, String... args) {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", jar().toAbsolutePath().toString()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
		builder.environment().keySet().removeIf((name) -> name.startsWith("DATABASE_") || name.equals("DATA_DIR")
				|| name.equals("ENABLE_DB_MIGRATIONS"));
		builder.environment().putAll(environment);
		return builder;
	}

	private static void copy(java.io.InputStream in, Path target) {
		try {
			Files.write(target, in.readAllBytes());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String utf8(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
