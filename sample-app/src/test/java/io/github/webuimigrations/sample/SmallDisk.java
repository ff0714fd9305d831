package io.github.webuimigrations.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A small file system of its own (a {@code tmpfs}) for the faults of a disk: full, or read-only.
 * Mounting needs root, as the CI machine has; under {@code CI=true} not being able to mount fails,
 * elsewhere those faults are skipped.
 */
final class SmallDisk implements AutoCloseable {

	private final Path directory;

	private SmallDisk(Path directory) {
		this.directory = directory;
	}

	/**
	 * Mount a file system of a given size on an empty directory.
	 * @param directory where, created if missing
	 * @param bytes its size
	 * @return the mounted disk
	 * @throws Exception if mounting fails
	 */
	static SmallDisk mount(Path directory, long bytes) throws Exception {
		Files.createDirectories(directory);
		String failure = run("mount", "-t", "tmpfs", "-o", "size=" + bytes, "tmpfs", directory.toString());
		if (failure != null && "true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException("Cannot mount a small file system under CI=true: " + failure);
		}
		Assumptions.assumeTrue(failure == null, "cannot mount a small file system: " + failure);
		return new SmallDisk(directory);
	}

	Path directory() {
		return this.directory;
	}

	/** Give it more room, as a user freeing space does. */
	void grow(long bytes) throws Exception {
		remount("size=" + bytes);
	}

	/** Make it read-only, or writable again. */
	void readOnly(boolean readOnly) throws Exception {
		remount(readOnly ? "ro" : "rw");
	}

	private void remount(String option) throws Exception {
		String failure = run("mount", "-o", "remount," + option, this.directory.toString());
		if (failure != null) {
			throw new IllegalStateException("Cannot remount " + this.directory + " " + option + ": " + failure);
		}
	}

	@Override
	public void close() throws Exception {
		run("umount", "-l", this.directory.toString());
	}

	/** Run a command; {@code null} if it succeeded, else what it printed. */
	private static String run(String... command) throws Exception {
		List<String> arguments = new ArrayList<>(List.of(command));
		Process process;
		try {
			process = new ProcessBuilder(arguments).redirectErrorStream(true).start();
		}
		catch (java.io.IOException ex) {
			return ex.getMessage();
		}
		String output = new String(process.getInputStream().readAllBytes()).strip();
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			return "timed out";
		}
		return (process.exitValue() == 0) ? null : output + " (exit " + process.exitValue() + ")";
	}

}
