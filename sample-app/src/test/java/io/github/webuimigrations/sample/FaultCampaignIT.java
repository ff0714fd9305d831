package io.github.webuimigrations.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
 * as users run it ({@code java -jar sample-app.jar migrate}) and one fault hits it at a random
 * moment: SIGKILL of the process anywhere from the start to the last revision, and on PostgreSQL the
 * server ending the migration's sessions ({@code pg_terminate_backend}). Then {@code migrate} again:
 * it must reach head, and every row and the schema must equal those of a run never interrupted.
 * <p>
 * The moments come from a seed, printed with the table ({@code campaign.seed} repeats a campaign).
 * The build runs a bounded campaign; the full one is a command in the README:
 * {@code -Dcampaign.kills=25 -Dcampaign.terminations=20 -Dcampaign.chats=3000}.
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

	private static final int CHATS = Integer.getInteger("campaign.chats", 1500);

	private static final List<String> TABLE = new ArrayList<>();

	@TempDir
	Path directory;

	@BeforeAll
	static void announce() {
		System.out.println("[fault campaign] seed " + SEED + " (repeat with -Dcampaign.seed=" + SEED + "), " + KILLS
				+ " kills per dialect and start, " + TERMINATIONS + " session terminations per start on PostgreSQL, "
				+ CHATS + " chats");
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
				campaign("SIGKILL", template, start, reference, KILLS, random, false);
				if (dialect == Dialect.POSTGRESQL) {
					campaign("pg_terminate_backend", template, start, reference, TERMINATIONS, random, true);
				}
			}
		}
	}

	private void campaign(String fault, TestDatabase template, String start, Reference reference, int tries,
			Random random, boolean terminate) throws Exception {
		int recovered = 0;
		int lost = 0;
		Set<String> where = new TreeSet<>();
		for (int i = 0; i < tries; i++) {
			long at = 300 + (long) (random.nextDouble() * Math.max(1, reference.millis() - 300));
			try (TestDatabase victim = copy(template, fault + "-" + start + "-" + i)) {
				Path home = Files.createDirectories(this.directory.resolve(fault + "-" + start + "-" + i + "-run"));
				Process app = SampleAppJar.serve(home, Map.of("DATABASE_URL", victim.url()), "migrate",
						"--logging.level.io.github.webuimigrations.orchestration.ProgressLog=DEBUG");
				boolean hit = !app.waitFor(at, TimeUnit.MILLISECONDS);
				if (hit) {
					if (terminate) {
						// the server ends the sessions; the process goes on alone and must stop cleanly
						victim.terminateSessions();
						assertThat(app.waitFor(120, TimeUnit.SECONDS)).isTrue();
					}
					else {
						// destroyForcibly is SIGKILL on Linux: no shutdown hook, no rollback by the JVM
						app.destroyForcibly();
						app.waitFor(60, TimeUnit.SECONDS);
					}
				}
				String log = Files.readString(home.resolve("app.log"));
				where.add(hit ? phase(log) : "after it ended");
				if (terminate && hit && app.exitValue() != 0) {
					// one line that names what happened, not a stack trace alone
					assertThat(log).as(log).contains("error: ").doesNotContain("\tat org.postgresql");
				}
				SampleAppJar.Result again = SampleAppJar.run(home, Map.of("DATABASE_URL", victim.url()), "migrate");
				assertThat(again.exitCode()).as("seed %d, %s at %d ms: %s", SEED, fault, at, again.all()).isZero();
				Map<String, List<String>> rows = RowDump.asStored(victim, UNREPEATABLE);
				int differing = differing(reference.rows(), rows);
				lost += differing;
				assertThat(SchemaSnapshot.of(victim)).as("schema, seed %d, %s at %d ms", SEED, fault, at)
					.isEqualTo(reference.schema());
				assertThat(differing).as("rows differing, seed %d, %s at %d ms: %s", SEED, fault, at,
						examples(reference.rows(), rows)).isZero();
				recovered++;
			}
		}
		TABLE.add(String.format("[fault campaign] %-28s %-11s %-13s %5d %9d %9d  %s", fault, template, start, tries,
				recovered, lost, String.join(", ", where)));
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

	private static int differing(Map<String, List<String>> expected, Map<String, List<String>> actual) {
		int count = 0;
		Set<String> tables = new HashSet<>(expected.keySet());
		tables.addAll(actual.keySet());
		for (String table : tables) {
			List<String> left = new ArrayList<>(expected.getOrDefault(table, List.of()));
			List<String> right = new ArrayList<>(actual.getOrDefault(table, List.of()));
			List<String> missing = new ArrayList<>(left);
			right.forEach(missing::remove);
			List<String> extra = new ArrayList<>(right);
			left.forEach(extra::remove);
			count += missing.size() + extra.size();
		}
		return count;
	}

	private static String examples(Map<String, List<String>> expected, Map<String, List<String>> actual) {
		StringBuilder text = new StringBuilder();
		for (String table : expected.keySet()) {
			List<String> missing = new ArrayList<>(expected.get(table));
			actual.getOrDefault(table, List.of()).forEach(missing::remove);
			List<String> extra = new ArrayList<>(actual.getOrDefault(table, List.of()));
			expected.get(table).forEach(extra::remove);
			if (!missing.isEmpty() || !extra.isEmpty()) {
				text.append("\n").append(table).append(": expected ")
					.append(missing.subList(0, Math.min(2, missing.size())))
					.append("\n  got ")
					.append(extra.subList(0, Math.min(2, extra.size())));
			}
		}
		return text.toString();
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
			Files.copy(Path.of(template.url().substring("sqlite:///".length())), file);
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

}
