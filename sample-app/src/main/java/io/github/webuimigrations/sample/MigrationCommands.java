package io.github.webuimigrations.sample;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.webuimigrations.MigrationBlockedException;
import io.github.webuimigrations.MigrationException;
import io.github.webuimigrations.MigrationInfo;
import io.github.webuimigrations.MigrationState;
import io.github.webuimigrations.MigrationTarget;
import io.github.webuimigrations.PreflightFinding;
import io.github.webuimigrations.SchemaStatus;
import io.github.webuimigrations.Tier;
import io.github.webuimigrations.database.DatabaseSettingsException;
import io.github.webuimigrations.database.Failures;
import io.github.webuimigrations.drift.SchemaDrift;
import io.github.webuimigrations.json.PythonJson;
import io.github.webuimigrations.orchestration.DatabaseMigrator;
import io.github.webuimigrations.revisioned.OpenWebuiReleases;

/**
 * The command line of the sample app: {@code migrate [--to <target>]}, {@code rollback --to
 * <target>}, {@code restore --from <file>}, {@code validate}, {@code preflight}, {@code info [--json]} and {@code help}. The
 * database is chosen by the usual settings ({@code DATABASE_URL}, ...). Exit codes: 0 success,
 * 1 a migration or setting failed (one line on stderr says why), 2 a usage error, 3 the
 * database is not up to date ({@code validate}) or has rows that stop a pending migration
 * ({@code preflight}, and {@code migrate}, which then changes nothing).
 *
 * @author webui-migrations
 */
public class MigrationCommands {

	/** Success. */
	public static final int OK = 0;

	/** A migration failed or the database cannot be used. */
	public static final int FAILED = 1;

	/** The command line is wrong. */
	public static final int USAGE = 2;

	/** validate: not up to date; preflight, migrate: rows stop a pending migration (migrate changed nothing). */
	public static final int NOT_READY = 3;

	private static final String HELP = """
			Usage: java -jar sample-app.jar [command]

			  (no command)          migrate the database, then serve the application
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
			  info                  list every migration of both tiers with its state
			  info --json           the same as JSON
			  bench [--chats N] [--users U] [--from <revision>] [--to <revision>]
			        [--shape realistic|simple] [--seed S]
			                        in an EMPTY database: build N chats (default 10000) of U users
			                        (default N/1000, at least 10; simple: 100) at <revision> (default
			                        c0fbf31ca0db), shaped like users' chats (default) or short lorem
			                        ipsum ones, migrate to --to (default head), print each
			                        migration's time, rows/s and peak heap (the no-op figures only
			                        with --to head; otherwise the database stays at --to)
			                        (WEBUI_MIGRATIONS_ONE_PASS_CHAT_REWRITE=false: the revisions that
			                        rewrite every chat one at a time, for comparison)
			  help                  this text

			The database comes from DATABASE_URL (or webui.database.url) and the other DATABASE_*
			settings; the default is sqlite:///data/webui.db.
			Exit codes: 0 ok; 1 failed (one line on stderr says why); 2 usage; 3 validate found the
			database not up to date, or preflight or migrate found rows that stop a pending
			migration (migrate then changes nothing).
			""";

	private final Class<?> application;

	private final PrintStream out;

	private final PrintStream err;

	public MigrationCommands(Class<?> application) {
		this(application, System.out, System.err);
	}

	MigrationCommands(Class<?> application, PrintStream out, PrintStream err) {
		this.application = application;
		this.out = out;
		this.err = err;
	}

	/**
	 * Run one command.
	 * @param args the command and its options, then any {@code --property=value}
	 * @return the exit code
	 */
	public int run(String... args) {
		String command = args[0];
		List<String> options = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
		if (command.equals("help") || command.equals("--help")) {
			this.out.print(HELP);
			return OK;
		}
		if (!List.of("migrate", "rollback", "restore", "validate", "preflight", "drift", "info", "bench").contains(command)) {
			this.err.println("error: unknown command '" + command + "' (try: help)");
			return USAGE;
		}
		String target = null;
		int from = options.indexOf("--from");
		if (command.equals("restore")) {
			if (from < 0 || from + 1 >= options.size()) {
				this.err.println("error: restore needs --from <backup file> (info lists the backups; try: help)");
				return USAGE;
			}
			target = options.remove(from + 1);
			options.remove(from);
		}
		int repair = options.indexOf("--repair");
		if (repair >= 0) {
			if (!command.equals("migrate") || repair + 1 >= options.size()) {
				this.err.println("error: --repair needs a revision and goes with migrate (try: help)");
				return USAGE;
			}
			String revision = options.remove(repair + 1);
			options.remove(repair);
			options.add("--webui.migrations.repair=" + revision);
		}
		int to = command.equals("bench") ? -1 : options.indexOf("--to");
		if (to >= 0) {
			if (!(command.equals("migrate") || command.equals("rollback")) || to + 1 >= options.size()) {
				this.err.println("error: --to needs a target and goes with migrate or rollback (try: help)");
				return USAGE;
			}
			target = options.remove(to + 1);
			options.remove(to);
		}
		else if (command.equals("rollback")) {
			this.err.println("error: rollback needs --to <target> (a legacy migration, a revision or base; try: help)");
			return USAGE;
		}
		Map<String, String> bench = new LinkedHashMap<>(Map.of("--chats", "10000", "--users", "", "--from",
				"c0fbf31ca0db", "--to", "head", "--shape", "realistic", "--seed", "42"));
		if (command.equals("bench")) {
			for (String option : List.copyOf(bench.keySet())) {
				int at = options.indexOf(option);
				if (at >= 0) {
					if (at + 1 >= options.size()) {
						this.err.println("error: " + option + " needs a value (try: help)");
						return USAGE;
					}
					bench.put(option, options.remove(at + 1));
					options.remove(at);
				}
			}
		}
		List<String> unknown = options.stream().filter((option) -> !option.startsWith("--") || !option.contains("="))
			.filter((option) -> !option.equals("--json"))
			.toList();
		if (!unknown.isEmpty()) {
			this.err.println("error: unknown option '" + unknown.get(0) + "' for " + command + " (try: help)");
			return USAGE;
		}
		boolean json = options.remove("--json");
		List<String> springArgs = new ArrayList<>(options);
		// the command decides what runs: no migration at start-up, no web server
		springArgs.add("--webui.migrations.enabled=false");
		// the benchmark times the context's own migrator, told of each migration by its timings
		BenchCommand.Timings timings = new BenchCommand.Timings();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(this.application)
			.web(WebApplicationType.NONE)
			.initializers((initialized) -> {
				if (command.equals("bench")) {
					initialized.getBeanFactory().registerSingleton("benchTimings", timings);
				}
			})
			.logStartupInfo(false)
			// a command is a short job: only the beans it asks for are created
			.properties("spring.main.banner-mode=off", "spring.main.lazy-initialization=true", "logging.level.root=WARN",
					"logging.level.io.github.webuimigrations=INFO", "logging.level.org.springframework.boot.diagnostics=OFF",
					"logging.level.com.zaxxer.hikari=ERROR", "logging.level.liquibase=WARN")
			.run(springArgs.toArray(String[]::new))) {
			DatabaseMigrator migrator = context.getBean(DatabaseMigrator.class);
			return switch (command) {
				case "migrate" -> migrate(migrator, migrator.target(target));
				case "rollback" -> {
					MigrationTarget migrationTarget = migrator.target(target);
					if (migrationTarget instanceof MigrationTarget.Head) {
						this.err.println("error: rollback needs a target below head (a legacy migration, a revision or base)");
						yield USAGE;
					}
					migrator.rollback(migrationTarget);
					this.out.println("Rolled back to " + migrationTarget);
					yield OK;
				}
				case "validate" -> validate(migrator);
				case "restore" -> {
					migrator.restore(Path.of(target));
					this.out.println("Restored " + target + ": " + migrator.status().revision() + " (open-webui "
							+ migrator.status().openWebuiVersion() + ")");
					yield OK;
				}
				case "bench" -> {
					int chats = Integer.parseInt(bench.get("--chats"));
					boolean realistic = !bench.get("--shape").equals("simple");
					// users as open-webui instances have them: one per thousand chats, at least 10
					int users = bench.get("--users").isEmpty() ? (realistic ? Math.max(10, chats / 1000) : 100)
							: Integer.parseInt(bench.get("--users"));
					yield new BenchCommand(context.getBean(DataSource.class), migrator, timings, this.out).run(chats, users,
							bench.get("--from"), bench.get("--to"), realistic, Long.parseLong(bench.get("--seed")));
				}
				case "preflight" -> preflight(migrator);
				case "drift" -> {
					long start = System.nanoTime();
					SchemaDrift drift = migrator.drift();
					yield drift(drift, json, (System.nanoTime() - start) / 1_000_000);
				}
				default -> {
					List<MigrationInfo> infos = migrator.info();
					this.out.print(json ? toJson(infos) + "\n"
							: toTable(infos) + halfDone(migrator.halfDone()) + backups(migrator.backups()));
					yield OK;
				}
			};
		}
		catch (RuntimeException | SQLException ex) {
			this.err.println("error: " + reason(ex));
			return FAILED;
		}
	}

	private int validate(DatabaseMigrator migrator) {
		SchemaStatus status = migrator.status();
		if (status.isUpToDate()) {
			this.out.println("Up to date: legacy tier at " + status.legacyVersion() + ", revision " + status.revision());
			return OK;
		}
		this.out.println("Not up to date (" + status.level().name().toLowerCase() + "):");
		status.problems().forEach((problem) -> this.out.println("  " + problem));
		return NOT_READY;
	}

	private int migrate(DatabaseMigrator migrator, MigrationTarget target) {
		try {
			migrator.migrate(target);
		}
		catch (MigrationBlockedException ex) {
			// nothing changed: list the rows as preflight does, then the one-line reason
			list(ex.blockers());
			this.err.println("error: " + ex.getMessage());
			return NOT_READY;
		}
		this.out.println("Migrated to " + target);
		return OK;
	}

	private int drift(SchemaDrift drift, boolean json, long millis) {
		if (json) {
			List<Object> differences = new ArrayList<>();
			for (SchemaDrift.Difference difference : drift.differences()) {
				Map<String, Object> entry = new LinkedHashMap<>();
				entry.put("kind", difference.kind().name().toLowerCase());
				entry.put("item", difference.item());
				entry.put("expected", difference.expected());
				entry.put("actual", difference.actual());
				differences.add(entry);
			}
			Map<String, Object> root = new LinkedHashMap<>();
			root.put("point", drift.point());
			root.put("differences", differences);
			this.out.println(PythonJson.dumps(root));
		}
		else {
			drift.differences().forEach(this.out::println);
			this.out.println((drift.isEmpty() ? "No drift: the schema is what the migrations build at " + drift.point()
					: drift.differences().size() + " differences from the schema the migrations build at " + drift.point())
					+ " (checked in " + millis + " ms)");
		}
		return drift.isEmpty() ? OK : NOT_READY;
	}

	private int preflight(DatabaseMigrator migrator) {
		return list(migrator.preflight());
	}

	private int list(List<PreflightFinding> findings) {
		long blocking = findings.stream().filter((finding) -> finding.impact() == PreflightFinding.Impact.BLOCKS).count();
		long repairs = findings.stream().filter((finding) -> finding.impact() == PreflightFinding.Impact.REPAIR).count();
		long possible = findings.stream()
			.filter((finding) -> finding.impact() == PreflightFinding.Impact.POSSIBLE_REPAIR)
			.count();
		for (PreflightFinding finding : findings) {
			this.out.println(label(finding) + finding);
		}
		this.out.println(findings.isEmpty() ? "Nothing found: the pending migrations can run"
				: blocking + " rows stop a pending migration; " + (findings.size() - blocking - repairs - possible)
						+ " rows open-webui would stop on or lose are migrated and kept by this starter"
						+ ((repairs > 0) ? "; " + repairs + " things open-webui left half-done are repaired by migrate" : "")
						+ ((possible > 0) ? "; " + possible + " things that may be half-done are left as they are unless "
								+ "asked (migrate --repair <revision>)" : ""));
		return (blocking > 0) ? NOT_READY : OK;
	}

	private static String reason(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof MigrationException || cause instanceof DatabaseSettingsException) {
				return cause.getMessage();
			}
		}
		return Failures.rootMessage(ex);
	}

	private static String label(PreflightFinding finding) {
		return switch (finding.impact()) {
			case BLOCKS -> "BLOCKS    ";
			case UPSTREAM_ONLY -> "UPSTREAM  ";
			case REPAIR -> "REPAIR    ";
			case POSSIBLE_REPAIR -> "POSSIBLE  ";
		};
	}

	private static String halfDone(List<PreflightFinding> findings) {
		StringBuilder lines = new StringBuilder();
		for (PreflightFinding finding : findings) {
			lines.append((finding.impact() == PreflightFinding.Impact.POSSIBLE_REPAIR) ? "Possible repair: "
					: (finding.impact() == PreflightFinding.Impact.REPAIR) ? "Repaired by migrate: " : "Half-done: ")
				.append(finding)
				.append(String.format("%n"));
		}
		return lines.toString();
	}

	private static String backups(List<Path> backups) {
		StringBuilder lines = new StringBuilder();
		for (Path backup : backups) {
			lines.append("Backup: ").append(backup).append(String.format("%n"));
		}
		return lines.toString();
	}

	static String toTable(List<MigrationInfo> infos) {
		StringBuilder table = new StringBuilder(String.format("%-11s %-13s %-40s %-9s %-20s %s%n", "TIER", "ID",
				"DESCRIPTION", "STATE", "INSTALLED ON (UTC)", "TIME"));
		DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
		for (MigrationInfo info : infos) {
			table.append(String.format("%-11s %-13s %-40s %-9s %-20s %s%n", info.tier().name().toLowerCase(),
					info.id(), info.description(), info.state().name().toLowerCase(),
					(info.installedOn() != null) ? time.format(info.installedOn()) : "",
					(info.executionTimeMillis() != null) ? info.executionTimeMillis() + " ms" : ""));
		}
		for (Tier tier : Tier.values()) {
			String current = infos.stream()
				.filter((info) -> info.tier() == tier && info.isApplied())
				.reduce((first, second) -> second)
				.map(MigrationInfo::description)
				.orElse("none");
			long pending = infos.stream()
				.filter((info) -> info.tier() == tier && (info.state() == MigrationState.PENDING
						|| info.state() == MigrationState.FAILED || info.state() == MigrationState.RUNNING))
				.count();
			String name = tier.name().charAt(0) + tier.name().substring(1).toLowerCase();
			table.append(String.format("%s tier: at %s, %d pending%n", name, current, pending));
		}
		SchemaStatus status = SchemaStatus.of(infos);
		table.append("Database: ").append(status.adoption()).append(String.format("%n"));
		table.append("Schema: open-webui ").append(status.openWebuiVersion()).append(" (this starter: open-webui ")
			.append(OpenWebuiReleases.STARTER).append(String.format(")%n"));
		return table.toString();
	}

	static String toJson(List<MigrationInfo> infos) {
		List<Object> migrations = new ArrayList<>();
		for (MigrationInfo info : infos) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("tier", info.tier().name().toLowerCase());
			entry.put("id", info.id());
			entry.put("description", info.description());
			entry.put("state", info.state().name().toLowerCase());
			entry.put("installedOn", (info.installedOn() != null) ? info.installedOn().toString() : null);
			entry.put("executionTime", info.executionTimeMillis());
			entry.put("checksum", info.checksum());
			entry.put("changed", info.changed());
			migrations.add(entry);
		}
		Map<String, Object> root = new LinkedHashMap<>();
		root.put("migrations", migrations);
		return PythonJson.dumps(root);
	}

}
