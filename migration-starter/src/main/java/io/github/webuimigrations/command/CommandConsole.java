package io.github.webuimigrations.command;

import java.io.PrintStream;

/**
 * Where a command prints: its results, and the one-line reason of a failure. The process's
 * console unless the application defines a bean of its own ({@link MigrationCommandLine} does,
 * when it is handed streams).
 *
 * @param out where results go
 * @param err where the one-line reason of a failure goes
 * @author webui-migrations
 */
public record CommandConsole(PrintStream out, PrintStream err) {

	/**
	 * The process's standard output and error.
	 * @return the console
	 */
	public static CommandConsole system() {
		return new CommandConsole(System.out, System.err);
	}

}
