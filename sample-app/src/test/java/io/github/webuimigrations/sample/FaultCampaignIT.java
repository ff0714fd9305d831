package io.github.webuimigrations.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.webuimigrations.database.Dialect;
import io.github.webuimigrations.database.Sql;
import io.github.webuimigrations.testsupport.RowDump;
import io.github.webuimigrations.testsupport.SchemaSnapshot;
import io.github.webuimigrations.testsupport.TestDatabase;
import io.github.webuimigrations.testsupport.UpstreamFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fault campaign over the whole chain: from a peewee-era database (upstream's own at {@code 009},
 * its chats cloned) and from a {@code bench} database at {@code c0fbf31ca0db}, {@code migrate} runs
 * as users run it ({@code java -jar sample-app.jar migrate}) and one fault hits it: SIGKILL of the
 * process at a random moment anywhere from the start to the last revision; on PostgreSQL the server
 * ending the migration's sessions ({@code pg_terminate_backend}), ending only the lock's session
 * while a second instance waits, restarting, and a TCP proxy in between that cuts every connection,
 * stalls, or delays every chunk; on SQLite a disk that fills up (a small
 * {@code tmpfs}, its room drawn at random), a read-only backup directory, a read-only database.
 * Then, the user's part done (space freed, the disk writable again), {@code migrate} again: it must
 * reach head, and every row and the schema must equal those of a run never interrupted.
 * <p>
 * The moments come from a seed, printed with the table ({@code campaign.seed} repeats a campaign).
 * The build runs a bounded campaign; the full one is a command in the README:
 * {@code -Dcampaign.kills=25 -Dcampaign.terminations=20 -Dcampaign.lock-sessions=5 -Dcampaign.restarts=2
 * -Dcampaign.disk-fulls=5 -Dcampaign.proxy-faults=3 -Dcampaign.chats=3000}.
 */
class FaultCampaignIT {

	/**
	 * Values that differ between any two runs, as upstream's revisions make them: random ids
	 * ({@code uuid4()}: new prompt ids, and the grants that name them) and the time the migration
	 * ran ({@code time.time()}). Every other column of every row is compared.
	 */
	private static final Set<String> UNREPEATABLE = Set.of("migratehistory.migrated_at", "access_grant.id",
			"access_grant.created_at", "access_grant.resource_id", "api_key.created_at", "api_key.updated_at", "prompt.id", "prompt.version_id",
			"prompt_history.id", "prompt_history.prompt_id");

	private static final Pattern APPLYING = Pattern.compile("Applying (legacy|revisioned) migration (\\S+)");

	private static final long SEED = Long.getLong("campaign.seed", System.nanoTime() % 1_000_000);

	private static final int KILLS = Integer.getInteger("campaign.kills", 3);

	private static final int TERMINATIONS = Integer.getInteger("campaign.terminations", 2);

	private static final int LOCK_SESSIONS = Integer.getInteger("campaign.lock-sessions", 1);

	private static final int RESTARTS = Integer.getInteger("campaign.restarts", 1);

	private static final int DISK_FULLS = Integer.getInteger("campaign.disk-fulls", 2);

	private static final int PROXY_FAULTS = Integer.getInteger("campaign.proxy-faults", 1);

	private static final int CHATS = Integer.getInteger("campaign.chats", 1500);

	private static final List<String> TABLE = new ArrayList<>();

	@TempDir
	Path directory;

	@BeforeAll
	static void announce() {
		System.out.println("[fault campaign] seed " + SEED + " (repeat with -Dcampaign.seed=" + SEED + "), per start: "
				+ KILLS + " kills per dialect; on PostgreSQL " + TERMINATIONS + " session terminations, " + LOCK_SESSIONS
				+ " lock-session ends, " + RESTARTS + " server restarts; on SQLite " + DISK_FULLS
				+ " full disks, a read-only backup directory, a read-only database; " + CHATS + " chats");
	}

	@AfterAll
	static void report() {
		System.out.println("[fault campaign] seed " + SEED);
		System.out.printf("[fault campaign] %-28s %-11s %-13s %5s %9s %9s  %s%n", "fault", "dialect", "from", "tries",
				"recovered", "rows lost", "where the faults hit");
		TABLE.forEach(System.out::println);
	}

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void faultsAnywhereInTheChainLoseNothing(Dialect dialect) throws Exception {
		Random random = new Random(SEED + dialect.ordinal());
		for (String start : List.of("009", "c0fbf31ca0db")) {
			try (TestDatabase template = template(dialect, start)) {
				Reference reference = reference(template);
				campaign(Fault.SIGKILL, template, start, reference, KILLS, random);
				if (dialect == Dialect.POSTGRESQL) {
					campaign(Fault.TERMINATE, template, start, reference, TERMINATIONS, random);
					campaign(Fault.LOCK_SESSION, template, start, reference, LOCK_SESSIONS, random);
					campaign(Fault.RESTART, template, start, reference, RESTARTS, random);
					campaign(Fault.PROXY_CUT, template, start, reference, PROXY_FAULTS, random);
					campaign(Fault.PROXY_STALL, template, start, reference, PROXY_FAULTS, random);
					campaign(Fault.PROXY_DELAY, template, start, reference, 1, random);
				}
				else {
					campaign(Fault.DISK_FULL, template, start, reference, DISK_FULLS, random);
					campaign(Fault.BACKUP_READ_ONLY, template, start, reference, 1, random);
					campaign(Fault.DATABASE_READ_ONLY, template, start, reference, 1, random);
				}
			}
		}
	}

	private void campaign(Fault fault, TestDatabase template, String start, Reference reference, int tries,
			Random random) throws Exception {
		int recovered = 0;
		int lost = 0;
		Set<String> where = new TreeSet<>();
		for (int i = 0; i < tries; i++) {
			long at = 300 + (long) (random.nextDouble() * Math.max(1, reference.millis() - 300));
			String name = fault.name().toLowerCase(Locale.ROOT) + "-" + start + "-" + i;
			Path home = Files.createDirectories(this.directory.resolve(name + "-run"));
			SmallDisk disk = null;
			try {
				TestDatabase victim;
				if (fault == Fault.DISK_FULL || fault == Fault.DATABASE_READ_ONLY) {
					// the database alone on a disk: full somewhere between its size and two and a half times it
					long size = Files.size(file(template));
					long room = (fault == Fault.DISK_FULL) ? size + (long) (random.nextDouble() * 1.5 * size) + 256 * 1024
							: 8 * size + 64 * 1024 * 1024;
					disk = SmallDisk.mount(this.directory.resolve(name + "-disk"), room);
					Files.copy(file(template), disk.directory().resolve("webui.db"));
					victim = TestDatabase.sqlite(disk.directory().resolve("webui.db"));
					if (fault == Fault.DATABASE_READ_ONLY) {
						disk.readOnly(true);
					}
				}
				else {
					victim = copy(template, name);
				}
				try (TestDatabase closing = victim; TcpProxy proxy = new TcpProxy(TestDatabase.POSTGRES_HOST,
						Integer.parseInt(TestDatabase.POSTGRES_PORT))) {
					Map<String, String> environment = new HashMap<>(Map.of("DATABASE_URL", victim.url()));
					if (fault.throughProxy) {
						// a stalled read gives up after 10 s, as the README advises for such networks
						environment.put("DATABASE_URL", victim.url()
							.replace(TestDatabase.POSTGRES_HOST + ":" + TestDatabase.POSTGRES_PORT, "127.0.0.1:" + proxy.port())
								+ ((fault == Fault.PROXY_STALL) ? "?socketTimeout=10" : ""));
					}
					if (fault == Fault.DISK_FULL && random.nextBoolean()) {
						// the disk fills inside the migrations, not at the backup
						environment.put("WEBUI_MIGRATIONS_BACKUP", "off");
					}
					if (fault == Fault.BACKUP_READ_ONLY) {
						disk = SmallDisk.mount(this.directory.resolve(name + "-backups"), 4 * Files.size(file(template)));
						disk.readOnly(true);
						environment.put("WEBUI_MIGRATIONS_BACKUP_DIRECTORY", disk.directory().toString());
					}
					String hit = inject(fault, victim, proxy, home, environment, at);
					where.add(hit);
					// the user's part, where there is one: free space, make the disk writable again
					if (fault == Fault.DISK_FULL) {
						disk.grow(8 * Files.size(file(template)) + 64 * 1024 * 1024);
					}
					if (fault == Fault.BACKUP_READ_ONLY || fault == Fault.DATABASE_READ_ONLY) {
						disk.readOnly(false);
					}
					SampleAppJar.Result again = SampleAppJar.run(home, environment, "migrate");
					assertThat(again.exitCode()).as("seed %d, %s at %d ms: %s", SEED, fault, at, again.all()).isZero();
					Map<String, List<String>> rows = RowDump.asStored(victim, UNREPEATABLE);
					int differing = RowDump.differing(reference.rows(), rows);
					lost += differing;
					assertThat(SchemaSnapshot.of(victim)).as("schema, seed %d, %s at %d ms", SEED, fault, at)
						.isEqualTo(reference.schema());
					assertThat(differing).as("rows differing, seed %d, %s at %d ms: %s", SEED, fault, at,
							RowDump.examples(reference.rows(), rows)).isZero();
					recovered++;
				}
			}
			finally {
				if (disk != null) {
					disk.close();
				}
			}
		}
		TABLE.add(String.format("[fault campaign] %-28s %-11s %-13s %5d %9d %9d  %s", fault.label, template, start,
				tries, recovered, lost, String.join(", ", where)));
	}

	/**
	 * Run {@code migrate} and inject the fault at the moment given; say where it hit.
	 */
	private String inject(Fault fault, TestDatabase victim, TcpProxy proxy, Path home, Map<String, String> environment,
			long at) throws Exception {
		Process app = SampleAppJar.serve(home, environment, "migrate",
				"--logging.level.io.github.webuimigrations.orchestration.ProgressLog=DEBUG");
		switch (fault) {
			case PROXY_DELAY -> {
				// every chunk each way a millisecond late, the whole run: slower, same rows
				proxy.delay(1);
				assertThat(app.waitFor(600, TimeUnit.SECONDS)).isTrue();
				proxy.delay(0);
				String log = Files.readString(home.resolve("app.log"));
				assertThat(app.exitValue()).as(log).isZero();
				return "the whole run";
			}
			case LOCK_SESSION -> {
				// a second instance starts beside it and waits for the lock
				Path second = Files.createDirectories(home.resolveSibling(home.getFileName() + "-second"));
				Process waiting = SampleAppJar.serve(second, environment, "migrate");
				// from the moment drawn, end the lock's session as soon as someone holds it
				boolean hit = false;
				app.waitFor(at, TimeUnit.MILLISECONDS);
				while (!hit && (app.isAlive() || waiting.isAlive())) {
					hit = victim.terminateLockSession() > 0;
					Thread.sleep(hit ? 0 : 20);
				}
				assertThat(app.waitFor(180, TimeUnit.SECONDS)).isTrue();
				assertThat(waiting.waitFor(180, TimeUnit.SECONDS)).isTrue();
				String log = Files.readString(home.resolve("app.log"));
				String secondLog = Files.readString(second.resolve("app.log"));
				for (String each : List.of(log, secondLog)) {
					assertThat(each).as(each).doesNotContain("\tat org.postgresql");
				}
				// the holder whose session ended stopped, and said so in one line; the other went on
				String stopped = (app.exitValue() != 0) ? log : (waiting.exitValue() != 0) ? secondLog : null;
				if (stopped != null) {
					// lost while it migrated, or while it was still taking the lock
					assertThat(stopped).as(stopped).contains("error: ")
						.containsAnyOf("Lost the migration lock", "Cannot take the migration lock: the connection to "
								+ "the database was lost");
				}
				assertThat(app.exitValue() == 0 || waiting.exitValue() == 0).as(log + secondLog).isTrue();
				return hit ? phase((stopped != null) ? stopped : log) : "after it ended";
			}
			case DISK_FULL, BACKUP_READ_ONLY, DATABASE_READ_ONLY -> {
				// the fault is there from the start; the run meets it where it meets it
				assertThat(app.waitFor(300, TimeUnit.SECONDS)).isTrue();
				String log = Files.readString(home.resolve("app.log"));
				if (app.exitValue() == 0) {
					assertThat(fault).as("only a disk with room enough lets the run through: " + log)
						.isEqualTo(Fault.DISK_FULL);
					return "after it ended";
				}
				// one line that names what happened, not a stack trace alone
				assertThat(log).as(log).contains("error: ").doesNotContain("\tat org.sqlite");
				String error = log.substring(log.indexOf("error: "));
				error = error.substring(0, error.indexOf('\n') < 0 ? error.length() : error.indexOf('\n'));
				switch (fault) {
					case DISK_FULL -> assertThat(error).as(log).containsAnyOf("disk is full", "disk space");
					case BACKUP_READ_ONLY -> assertThat(error).as(log).contains("backup").contains("nothing was migrated");
					default -> assertThat(error).as(log).contains("read-only");
				}
				return error.contains("backup") ? "backup" : phase(log);
			}
			default -> {
				boolean hit = !app.waitFor(at, TimeUnit.MILLISECONDS);
				if (hit) {
					switch (fault) {
						// the server ends the sessions; the process goes on alone and must stop cleanly
						case TERMINATE -> victim.terminateSessions();
						case RESTART -> PostgresServer.restart();
						case PROXY_CUT -> proxy.cut();
						case PROXY_STALL -> proxy.stall();
						// destroyForcibly is SIGKILL on Linux: no shutdown hook, no rollback by the JVM
						default -> app.destroyForcibly();
					}
					assertThat(app.waitFor(180, TimeUnit.SECONDS)).isTrue();
					if (fault == Fault.PROXY_STALL) {
						// the sessions the stall left on the server (the lock's among them) end when the proxy
						// drops them, as a proxy's idle timeout does
						proxy.cut();
					}
				}
				String log = Files.readString(home.resolve("app.log"));
				if (fault != Fault.SIGKILL && hit && app.exitValue() != 0) {
					// one line that names what happened, not a stack trace alone
					assertThat(log).as(log).contains("error: ").doesNotContain("\tat org.postgresql");
				}
				return hit ? phase(log) : "after it ended";
			}
		}
	}

	private static Path file(TestDatabase sqlite) {
		return Path.of(sqlite.url().substring("sqlite:///".length()));
	}

	/** Where the log says the run was: the migration being applied, or before the first. */
	private static String phase(String log) {
		Matcher matcher = APPLYING.matcher(log);
		String last = null;
		while (matcher.find()) {
			// legacy 018_add_function_is_global as 018, revision 242a2047eae0_update_chat_table as 242a2047eae0
			last = matcher.group(1).equals("legacy") ? matcher.group(2).substring(0, 3)
					: matcher.group(2).substring(0, Math.min(12, matcher.group(2).length()));
		}
		return (last != null) ? last : "start";
	}

	private Reference reference(TestDatabase template) throws Exception {
		try (TestDatabase reference = copy(template, "reference")) {
			Path home = Files.createDirectories(this.directory.resolve("reference-run-" + System.nanoTime()));
			long start = System.nanoTime();
			SampleAppJar.Result run = SampleAppJar.run(home, Map.of("DATABASE_URL", reference.url()), "migrate");
			long millis = (System.nanoTime() - start) / 1_000_000;
			assertThat(run.exitCode()).as(run.all()).isZero();
			return new Reference(RowDump.asStored(reference, UNREPEATABLE), SchemaSnapshot.of(reference), millis);
		}
	}

	private TestDatabase copy(TestDatabase template, String name) throws Exception {
		if (template.isSqlite()) {
			Path file = Files.createDirectories(this.directory.resolve(name + "-" + System.nanoTime())).resolve("webui.db");
			Files.copy(file(template), file);
			return TestDatabase.sqlite(file);
		}
		return TestDatabase.postgresCopyOf(template);
	}

	/** A database at the start point, with data: upstream's peewee-009 rows and clones of its chats, or bench's. */
	private TestDatabase template(Dialect dialect, String start) throws Exception {
		Path home = Files.createDirectories(this.directory.resolve("template-" + dialect + "-" + start));
		if (start.equals("009")) {
			TestDatabase fixture = TestDatabase.sqlite(UpstreamFixture.copy(home, "upstream-peewee-009.sqlite"));
			TestDatabase template = fixture;
			if (dialect == Dialect.POSTGRESQL) {
				template = TestDatabase.postgres();
				UpstreamFixture.copyPeewee009Rows(fixture, template);
				fixture.close();
			}
			cloneChats(template);
			return template;
		}
		TestDatabase template = TestDatabase.create(dialect, home);
		SampleAppJar.Result bench = SampleAppJar.run(home, Map.of("DATABASE_URL", template.url()), "bench", "--chats",
				String.valueOf(CHATS), "--from", start, "--to", start);
		assertThat(bench.exitCode()).as(bench.all()).isZero();
		return template;
	}

	/** Upstream's own chats at 009, cloned to {@link #CHATS} with their tags. */
	private static void cloneChats(TestDatabase database) throws Exception {
		try (Connection connection = database.connection(); Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			int originals = Integer.parseInt(Sql.strings(connection, "SELECT count(*) FROM chat").get(0));
			for (int i = 0; i < CHATS / Math.max(1, originals); i++) {
				String suffix = "'-clone-" + i + "'";
				statement.execute("INSERT INTO chat (id, user_id, title, chat, share_id, archived, created_at, updated_at) "
						+ "SELECT id || " + suffix + ", user_id, title, chat, NULL, archived, created_at, updated_at "
						+ "FROM chat WHERE id NOT LIKE '%-clone-%'");
				statement.execute("INSERT INTO chatidtag (id, tag_name, chat_id, user_id, timestamp) "
						+ "SELECT id || " + suffix + ", tag_name, chat_id || " + suffix + ", user_id, timestamp "
						+ "FROM chatidtag WHERE chat_id NOT LIKE '%-clone-%'");
			}
			connection.commit();
		}
	}

	record Reference(Map<String, List<String>> rows, List<String> schema, long millis) {
	}

	enum Fault {

		SIGKILL("SIGKILL"), TERMINATE("pg_terminate_backend"), LOCK_SESSION("lock session ends, one waits"),
		RESTART("server restart"), PROXY_CUT("proxy cuts connections", true),
		PROXY_STALL("proxy stalls", true), PROXY_DELAY("proxy delays (1 ms)", true), DISK_FULL("disk full"),
		BACKUP_READ_ONLY("backup directory read-only"), DATABASE_READ_ONLY("database read-only");

		private final String label;

		private final boolean throughProxy;

		Fault(String label) {
			this(label, false);
		}

		Fault(String label, boolean throughProxy) {
			this.label = label;
			this.throughProxy = throughProxy;
		}

	}

}
