package io.github.webuimigrations.command;

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

	private final CommandConsole console;

	private volatile int exitCode = MigrationCommands.OK;

	/**
	 * A runner of one command.
	 * @param migrator the application's migrator
	 * @param command the command
	 * @param context the application, ended after the command when {@code exit}
	 * @param exit whether to end the process with the command's exit code
	 * @param console where the command prints
	 */
	public MigrationCommandRunner(DatabaseMigrator migrator, MigrationCommand command, ApplicationContext context,
			boolean exit, CommandConsole console) {
		this.migrator = migrator;
		this.command = command;
		this.context = context;
		this.exit = exit;
		this.console = console;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.exitCode = new MigrationCommands(this.console.out(), this.console.err()).run(this.command, this.migrator);
		this.console.out().flush();
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
