package io.github.webuimigrations.sample;

import java.io.PrintStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.webuimigrations.command.MigrationCommands;
import io.github.webuimigrations.orchestration.DatabaseMigrator;

/**
 * The sample app's own command, {@code bench}: the other commands are the starter's
 * ({@link io.github.webuimigrations.command.MigrationCommandLine}). It times the migrator the
 * application's context builds, with {@link BenchCommand.Timings} as one more listener bean.
 *
 * @author webui-migrations
 */
final class BenchCommandLine {

	static final String HELP = """
			  bench [--chats N] [--users U] [--from <revision>] [--to <revision>]
			        [--shape realistic|simple] [--seed S]
			                        in an EMPTY database: build N chats (default 10000) of U users
			                        (default N/1000, at least 10; simple: 100) at <revision> (default
			                        c0fbf31ca0db), shaped like users' chats (default) or short lorem
			                        ipsum ones, migrate to --to (default head), print each
			                        migration's time, rows/s and peak heap (the no-op figures only
			                        with --to head; otherwise the database stays at --to)
			                        (--webui.migrations.one-pass-chat-rewrite=false: the revisions that
			                        rewrite every chat one at a time, for comparison)
			""";

	private BenchCommandLine() {
	}

	static int run(Class<?> application, PrintStream out, PrintStream err, String... args) {
		List<String> options = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
		Map<String, String> bench = new LinkedHashMap<>(Map.of("--chats", "10000", "--users", "", "--from",
				"c0fbf31ca0db", "--to", "head", "--shape", "realistic", "--seed", "42"));
		for (String option : List.copyOf(bench.keySet())) {
			int at = options.indexOf(option);
			if (at >= 0) {
				if (at + 1 >= options.size()) {
					err.println("error: " + option + " needs a value (try: help)");
					return MigrationCommands.USAGE;
				}
				bench.put(option, options.remove(at + 1));
				options.remove(at);
			}
		}
		List<String> unknown = options.stream().filter((option) -> !option.startsWith("--") || !option.contains("="))
			.toList();
		if (!unknown.isEmpty()) {
			err.println("error: unknown option '" + unknown.get(0) + "' for bench (try: help)");
			return MigrationCommands.USAGE;
		}
		BenchCommand.Timings timings = new BenchCommand.Timings();
		List<String> springArgs = new ArrayList<>(options);
		// the bench decides what runs: no migration at start-up, no web server
		springArgs.add("--webui.migrations.enabled=false");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
			.web(WebApplicationType.NONE)
			.initializers((initialized) -> initialized.getBeanFactory().registerSingleton("benchTimings", timings))
			.logStartupInfo(false)
			.properties("spring.main.banner-mode=off", "spring.main.lazy-initialization=true", "logging.level.root=WARN",
					"logging.level.io.github.webuimigrations=INFO", "logging.level.org.springframework.boot.diagnostics=OFF",
					"logging.level.com.zaxxer.hikari=ERROR")
			.run(springArgs.toArray(String[]::new))) {
			int chats = Integer.parseInt(bench.get("--chats"));
			boolean realistic = !bench.get("--shape").equals("simple");
			// users as open-webui instances have them: one per thousand chats, at least 10
			int users = bench.get("--users").isEmpty() ? (realistic ? Math.max(10, chats / 1000) : 100)
					: Integer.parseInt(bench.get("--users"));
			return new BenchCommand(context.getBean(DataSource.class), context.getBean(DatabaseMigrator.class), timings,
					out)
				.run(chats, users, bench.get("--from"), bench.get("--to"), realistic, Long.parseLong(bench.get("--seed")));
		}
		catch (RuntimeException | SQLException ex) {
			err.println("error: " + MigrationCommands.reason(ex));
			return MigrationCommands.FAILED;
		}
	}

}
