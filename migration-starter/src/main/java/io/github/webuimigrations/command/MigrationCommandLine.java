package io.github.webuimigrations.command;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DeferredImportSelector;
import org.springframework.context.annotation.Import;
import org.springframework.core.type.AnnotationMetadata;

/**
 * The commands on an application's own command line:
 * {@code java -jar my-service.jar migrate --to 009}. An application's {@code main} hands its
 * arguments over when the first is a command ({@link #isCommand}); the command then runs as
 * {@code webui.migrations.command} runs it ({@link MigrationCommandRunner}), and anything that
 * stops the application from starting is one line on stderr, never a stack trace.
 *
 * <pre>
 * public static void main(String[] args) {
 *     if (MigrationCommandLine.isCommand(args)) {
 *         System.exit(MigrationCommandLine.run(MyApplication.class, args));
 *     }
 *     SpringApplication.run(MyApplication.class, args);
 * }
 * </pre>
 *
 * @author webui-migrations
 */
public final class MigrationCommandLine {

	/** The commands and their options, for {@code help}. */
	public static final String HELP = """
			  migrate               apply every pending migration of both tiers
			  migrate --to <target> stop after <target>: a legacy migration (009 or 009_add_models)
			                        or a revision (242a2047eae0 or 242a2047eae0_update_chat_table)
			  migrate --repair <revision>
			                        also repair what preflight lists as POSSIBLE for that revision
			                        (what open-webui may have left half-done, or a user's own changes)
			  rollback --to <target>
			                        roll back, newest first, until <target> is the last applied;
			                        a legacy target first downgrades every revision; base = nothing
			  restore --from <file> put a backup back (SQLite; info lists them): the database's
			                        tables become the backup's, in one transaction, under the lock
			  validate              check that every migration is applied and unchanged
			  preflight             read the data and list every row that would stop a pending
			                        migration, or that open-webui would stop on or lose; changes nothing
			  drift [--json]        compare the schema with the one the migrations build at the
			                        database's recorded point (in a scratch database); exit 3 if
			                        anything is missing, extra or different
			  info [--json]         list every migration of both tiers with its state
			""";

	/** Exit codes and where the database comes from, for {@code help}. */
	public static final String HELP_FOOTER = """
			Any --property=value after the command is passed to Spring, e.g. --webui.database.url=...
			The database comes from DATABASE_URL (or webui.database.url) and the other DATABASE_*
			settings; the default is sqlite:///data/webui.db.
			Exit codes: 0 ok; 1 failed (one line on stderr says why); 2 usage; 3 validate found the
			database not up to date, drift found it different, or preflight or migrate found rows
			that stop a pending migration (migrate then changes nothing).
			""";

	private final PrintStream out;

	private final PrintStream err;

	private MigrationCommandLine(PrintStream out, PrintStream err) {
		this.out = out;
		this.err = err;
	}

	/**
	 * Whether arguments name a command rather than start the application as usual.
	 * @param args the application's arguments
	 * @return whether the first is a word, not an option
	 */
	public static boolean isCommand(String... args) {
		return args.length > 0 && !args[0].startsWith("-");
	}

	/**
	 * Run the command the arguments name with the starter alone: its data source and migrator,
	 * none of the application's beans. For an application whose database comes from the
	 * starter's settings (no {@code DataSource} bean of its own): the command starts in a
	 * fraction of the time the whole application takes.
	 * @param args the command, its options, then any {@code --property=value}
	 * @return the exit code ({@link MigrationCommands})
	 */
	public static int run(String... args) {
		return run(StarterOnly.class, System.out, System.err, args);
	}

	/**
	 * Run the command the arguments name in the application, printing to the console.
	 * @param application the application's main class (its configuration)
	 * @param args the command, its options, then any {@code --property=value}
	 * @return the exit code ({@link MigrationCommands})
	 */
	public static int run(Class<?> application, String... args) {
		return run(application, System.out, System.err, args);
	}

	/**
	 * Run the command the arguments name in the application.
	 * @param application the application's main class (its configuration)
	 * @param out where results go
	 * @param err where the one-line reason of a failure goes
	 * @param args the command, its options, then any {@code --property=value}
	 * @return the exit code ({@link MigrationCommands})
	 */
	public static int run(Class<?> application, PrintStream out, PrintStream err, String... args) {
		return new MigrationCommandLine(out, err).execute(application, args);
	}

	private int execute(Class<?> application, String... args) {
		String name = args[0];
		if (name.equals("help")) {
			this.out.print("Usage: java -jar <application>.jar [command] [--property=value ...]\n\n" + HELP + "\n"
					+ HELP_FOOTER);
			return MigrationCommands.OK;
		}
		MigrationCommand.Kind kind = MigrationCommand.Kind.named(name);
		if (kind == null) {
			this.err.println("error: unknown command '" + name + "' (try: help)");
			return MigrationCommands.USAGE;
		}
		List<String> options = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
		List<String> springArgs = new ArrayList<>();
		springArgs.add("--" + MigrationCommandEnvironmentPostProcessor.COMMAND + "=" + kind.commandName());
		String usage = take(options, "--to", kind == MigrationCommand.Kind.MIGRATE || kind == MigrationCommand.Kind.ROLLBACK,
				"webui.migrations.target", springArgs);
		usage = (usage != null) ? usage : take(options, "--from", kind == MigrationCommand.Kind.RESTORE,
				"webui.migrations.restore-from", springArgs);
		usage = (usage != null) ? usage : take(options, "--repair", kind == MigrationCommand.Kind.MIGRATE,
				"webui.migrations.repair", springArgs);
		if (options.remove("--json")) {
			springArgs.add("--webui.migrations.json=true");
		}
		List<String> unknown = options.stream().filter((option) -> !option.startsWith("--") || !option.contains("="))
			.toList();
		if (usage == null && !unknown.isEmpty()) {
			usage = "unknown option '" + unknown.get(0) + "' for " + kind.commandName() + " (try: help)";
		}
		if (usage != null) {
			this.err.println("error: " + usage);
			return MigrationCommands.USAGE;
		}
		springArgs.addAll(options);
		springArgs.add("--webui.migrations.command-exit=false");
		CommandConsole console = new CommandConsole(this.out, this.err);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
			// the reason is printed here, in one line: no failure report, no stack trace
			.properties("logging.level.org.springframework.boot.diagnostics=OFF",
					"logging.level.org.springframework.boot.SpringApplication=OFF")
			.initializers((applicationContext) -> applicationContext.getBeanFactory()
				.registerSingleton("migrationCommandConsole", console))
			.run(springArgs.toArray(String[]::new))) {
			return context.getBean(MigrationCommandRunner.class).getExitCode();
		}
		catch (RuntimeException ex) {
			this.err.println("error: " + MigrationCommands.reason(ex));
			return MigrationCommands.FAILED;
		}
	}

	/** Move {@code option value} to a property; a usage error if it is misplaced or has no value. */
	private static String take(List<String> options, String option, boolean allowed, String property,
			List<String> springArgs) {
		int at = options.indexOf(option);
		if (at < 0) {
			return null;
		}
		if (!allowed || at + 1 >= options.size()) {
			return switch (option) {
				case "--to" -> "--to needs a target and goes with migrate or rollback (try: help)";
				case "--from" -> "--from needs a backup file and goes with restore (info lists the backups; try: help)";
				default -> "--repair needs a revision and goes with migrate (try: help)";
			};
		}
		springArgs.add("--" + property + "=" + options.remove(at + 1));
		options.remove(at);
		return null;
	}

	/** The starter's own auto-configuration and nothing else. */
	@Configuration(proxyBeanMethods = false)
	@Import(StarterOnly.AutoConfigurations.class)
	static class StarterOnly {

		/** Named, not referenced: the auto-configuration depends on this package, not the other way. */
		static class AutoConfigurations implements DeferredImportSelector {

			@Override
			public String[] selectImports(AnnotationMetadata metadata) {
				return new String[] { "io.github.webuimigrations.autoconfigure.WebuiDataSourceAutoConfiguration",
						"io.github.webuimigrations.autoconfigure.WebuiMigrationsAutoConfiguration" };
			}

		}

	}

}
