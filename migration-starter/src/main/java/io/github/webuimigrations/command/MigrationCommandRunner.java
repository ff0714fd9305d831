package io.github.webuimigrations.command;

import java.io.PrintStream;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;

import io.github.webuimigrations.orchestration.DatabaseMigrator;

/**
 * Runs the command {@code webui.migrations.command} names instead of serving, in any
 * application with the starter, then ends the application with the command's exit code
 * ({@link MigrationCommands}). The start-up migration, the web server and every bean the command
 * does not need stay off ({@link MigrationCommandEnvironmentPostProcessor}).
 *
 * @author webui-migrations
 */
public class MigrationCommandRunner implements ApplicationRunner, ExitCodeGenerator, Ordered {

	private final DatabaseMigrator migrator;

	private final MigrationCommand command;

	private final ApplicationContext context;

	private final boolean exit;

	private final PrintStream out;

	private final PrintStream err;

	private volatile int exitCode = MigrationCommands.OK;

	/**
	 * A runner of one command.
	 * @param migrator the application's migrator
	 * @param command the command
	 * @param context the application, ended after the command when {@code exit}
	 * @param exit whether to end the process with the command's exit code
	 * @param out where results go
	 * @param err where the one-line reason of a failure goes
	 */
	public MigrationCommandRunner(DatabaseMigrator migrator, MigrationCommand command, ApplicationContext context,
			boolean exit, PrintStream out, PrintStream err) {
		this.migrator = migrator;
		this.command = command;
		this.context = context;
		this.exit = exit;
		this.out = out;
		this.err = err;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.exitCode = new MigrationCommands(this.out, this.err).run(this.command, this.migrator);
		this.out.flush();
		if (this.exit) {
			System.exit(SpringApplication.exit(this.context, this));
		}
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
