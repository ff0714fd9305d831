package io.github.webuimigrations.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small application on an open-webui database. With no arguments it migrates the
 * database and serves; with a command ({@code migrate}, {@code info}, ...) it runs that
 * command and exits with its status.
 *
 * @author webui-migrations
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		if (args.length > 0 && !args[0].startsWith("--")) {
			System.exit(new MigrationCommands(SampleApplication.class).run(args));
		}
		SpringApplication.run(SampleApplication.class, args);
	}

}
