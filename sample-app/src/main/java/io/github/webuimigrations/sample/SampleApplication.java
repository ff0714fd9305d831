package io.github.webuimigrations.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.github.webuimigrations.command.MigrationCommandLine;

/**
 * A small application on an open-webui database. With no arguments it migrates the
 * database and serves; with a command ({@code migrate}, {@code info}, ...) it runs that
 * command, as any application with the starter can ({@link MigrationCommandLine}), and exits
 * with its status; {@code bench} is its own.
 *
 * @author webui-migrations
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		if (args.length > 0 && args[0].equals("bench")) {
			System.exit(BenchCommandLine.run(SampleApplication.class, System.out, System.err, args));
		}
		if (args.length > 0 && args[0].equals("help")) {
			System.out.print("Usage: java -jar sample-app.jar [command] [--property=value ...]\n\n"
					+ "  (no command)          migrate the database, then serve the application\n"
					+ MigrationCommandLine.HELP + BenchCommandLine.HELP + "  help                  this text\n\n"
					+ MigrationCommandLine.HELP_FOOTER);
			System.exit(0);
		}
		if (MigrationCommandLine.isCommand(args)) {
			// its database is the starter's: the starter alone runs the command
			System.exit(MigrationCommandLine.run(args));
		}
		SpringApplication.run(SampleApplication.class, args);
	}

}
