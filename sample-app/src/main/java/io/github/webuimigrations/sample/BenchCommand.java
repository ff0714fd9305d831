package io.github.webuimigrations.sample;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.sql.DataSource;

import io.github.webuimigrations.MigrationInfo;
import io.github.webuimigrations.MigrationListener;
import io.github.webuimigrations.Tier;
import io.github.webuimigrations.command.MigrationCommands;
import io.github.webuimigrations.orchestration.DatabaseMigrator;

/**
 * {@code bench}: builds a synthetic open-webui database of N users' chats (with message
 * histories, tags and files) at a chosen revision in an empty database, migrates it to head,
 * and prints each migration's wall time, rows, rows per second and peak heap, then the time of
 * a no-op migration and of the no-op check on the up-to-date database. It times the migrator
 * the application's context built, as production builds it, with {@link Timings} among its
 * listeners.
 *
 * @author webui-migrations
 */
class BenchCommand {

	private final DataSource dataSource;

	private final DatabaseMigrator migrator;

	private final Timings timings;

	private final PrintStream out;

	BenchCommand(DataSource dataSource, DatabaseMigrator migrator, Timings timings, PrintStream out) {
		this.dataSource = dataSource;
		this.migrator = migrator;
		this.timings = timings;
		this.out = out;
	}

	/**
	 * Build, fill and migrate.
	 * @param chats how many chats
	 * @param users how many users
	 * @param from the revision the data is written at
	 * @param to the revision to migrate to ({@code head} for all)
	 * @param realistic chats shaped like users' ({@link RealisticChats}) rather than short lorem ipsum ones
	 * @param seed the random seed of the data
	 * @return the exit code
	 * @throws SQLException on a database error
	 */
	int run(int chats, int users, String from, String to, boolean realistic, long seed) throws SQLException {
		Timings timings = this.timings;
		DatabaseMigrator migrator = this.migrator;
		if (migrator.info().stream().anyMatch(MigrationInfo::isApplied)) {
			throw new IllegalArgumentException("bench builds its own database: point DATABASE_URL at an empty one");
		}
		long start = System.nanoTime();
		migrator.migrate(migrator.target(from));
		long build = System.nanoTime() - start;
		start = System.nanoTime();
		insert(chats, users, realistic, seed);
		long fill = System.nanoTime() - start;
		this.out.printf("schema to %s: %d ms; %,d users and %,d %s chats inserted in %d ms%n", from, build / 1_000_000,
				users, chats, realistic ? "realistic" : "simple", fill / 1_000_000);
		timings.clear();
		start = System.nanoTime();
		migrator.migrate(migrator.target(to));
		long upgrade = System.nanoTime() - start;
		this.out.printf("%n%-52s %9s %10s %10s %9s%n", "MIGRATION " + from + " -> " + to, "WALL ms", "ROWS", "ROWS/s",
				"PEAK MB");
		timings.rows().forEach(this.out::println);
		this.out.printf("%-52s %9d%n", "whole upgrade", upgrade / 1_000_000);
		this.out.printf("%-52s %9d%n", "peak heap of the whole upgrade (MB)", timings.peakMegabytes());
		if (!to.equals("head")) {
			// the database stays where --to left it (to time a whole `migrate` process on a copy, say)
			return MigrationCommands.OK;
		}
		// the check a start-up makes when nothing is pending, best of 5 after one warm-up
		DatabaseMigrator fresh = migrator;
		fresh.migrate();
		long noOp = Long.MAX_VALUE;
		long check = Long.MAX_VALUE;
		for (int i = 0; i < 5; i++) {
			start = System.nanoTime();
			fresh.migrate();
			noOp = Math.min(noOp, System.nanoTime() - start);
			start = System.nanoTime();
			fresh.status();
			check = Math.min(check, System.nanoTime() - start);
		}
		this.out.printf("%-52s %9.1f%n", "no-op migrate on the up-to-date database (ms)", noOp / 1e6);
		this.out.printf("%-52s %9.1f%n", "no-op status check (ms)", check / 1e6);
		return MigrationCommands.OK;
	}

	/** Users, their chats with message histories, tags (old tables) and files, as open-webui 0.3 stored them. */
	private void insert(int chats, int users, boolean realistic, long seed) throws SQLException {
		Random random = new Random(seed);
		RealisticChats shapes = new RealisticChats(seed);
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (PreparedStatement user = connection.prepareStatement("INSERT INTO \"user\" (id, name, email, role, "
					+ "profile_image_url, created_at, updated_at, last_active_at) VALUES (?, ?, ?, 'user', '', ?, ?, ?)")) {
				for (int i = 0; i < users; i++) {
					user.setString(1, "user-" + i);
					user.setString(2, "User " + i);
					user.setString(3, "user" + i + "@example.com");
					user.setLong(4, 1700000000L + i);
					user.setLong(5, 1700000000L + i);
					user.setLong(6, 1700000000L + i);
					user.addBatch();
				}
				user.executeBatch();
			}
			try (PreparedStatement chat = connection.prepareStatement("INSERT INTO chat (id, user_id, title, chat, "
					+ "archived, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
					PreparedStatement tag = connection.prepareStatement("INSERT INTO chatidtag (id, tag_name, chat_id, "
							+ "user_id, timestamp) VALUES (?, ?, ?, ?, ?)");
					PreparedStatement file = connection.prepareStatement("INSERT INTO file (id, user_id, filename, meta, "
							+ "created_at) VALUES (?, ?, ?, ?, ?)")) {
				for (int i = 0; i < chats; i++) {
					String id = String.format("chat-%08d", i);
					String owner = "user-" + (i % users);
					long time = 1700000000L + i;
					chat.setString(1, id);
					chat.setString(2, owner);
					chat.setString(3, "Chat " + i);
					chat.setString(4, realistic ? shapes.chat(i, time) : chatJson(i, time, random));
					chat.setBoolean(5, i % 20 == 0);
					chat.setLong(6, time);
					chat.setLong(7, time);
					chat.addBatch();
					int tags = realistic ? random.nextInt(4) : i % 3;
					List<String> names = RealisticChats.tagNames(i % users);
					for (int t = 0; t < tags; t++) {
						tag.setString(1, id + "-tag-" + t);
						tag.setString(2, realistic ? names.get(random.nextInt(names.size())) : "Topic " + ((i + t) % 12));
						tag.setString(3, id);
						tag.setString(4, owner);
						tag.setLong(5, time);
						tag.addBatch();
					}
					if (i % 10 == 0) {
						file.setString(1, "file-" + i);
						file.setString(2, owner);
						file.setString(3, "notes-" + i + ".pdf");
						file.setString(4, "{\"name\": \"notes-" + i + ".pdf\", \"content_type\": \"application/pdf\", "
								+ "\"size\": " + (1000 + i) + ", \"path\": \"/app/backend/data/uploads/file-" + i + "\"}");
						file.setLong(5, time);
						file.addBatch();
					}
					if (i % 1000 == 999) {
						chat.executeBatch();
						tag.executeBatch();
						file.executeBatch();
					}
				}
				chat.executeBatch();
				tag.executeBatch();
				file.executeBatch();
			}
			try (PreparedStatement tagRow = connection.prepareStatement("INSERT INTO tag (id, name, user_id, data) "
					+ "VALUES (?, ?, ?, NULL)")) {
				for (int u = 0; u < users; u++) {
					for (int t = 0; t < 12; t++) {
						tagRow.setString(1, "tag-" + u + "-" + t);
						tagRow.setString(2, realistic ? RealisticChats.tagNames(u).get(t) : "Topic " + t);
						tagRow.setString(3, "user-" + u);
						tagRow.addBatch();
					}
					if (u % 100 == 99) {
						tagRow.executeBatch();
					}
				}
				tagRow.executeBatch();
			}
			connection.commit();
		}
	}

	/** A chat as the web UI saves it: a message list and the history tree, 2 to 8 messages. */
	static String chatJson(int i, long time, Random random) {
		int count = 2 + random.nextInt(7);
		StringBuilder list = new StringBuilder();
		StringBuilder history = new StringBuilder();
		for (int m = 0; m < count; m++) {
			String id = "m" + i + "-" + m;
			boolean user = m % 2 == 0;
			String content = (user ? "Question " : "Answer ") + m + " of chat " + i + ": "
					+ "lorem ipsum dolor sit amet, consectetur adipiscing elit ".repeat(1 + random.nextInt(6));
			String message = "{\"id\": \"" + id + "\", \"parentId\": " + ((m == 0) ? "null" : "\"m" + i + "-" + (m - 1) + "\"")
					+ ", \"childrenIds\": [" + ((m + 1 < count) ? "\"m" + i + "-" + (m + 1) + "\"" : "") + "], \"role\": \""
					+ (user ? "user" : "assistant") + "\", \"content\": \"" + content + "\", \"timestamp\": " + (time + m)
					+ (user ? "" : ", \"model\": \"llama3:8b\", \"done\": true") + "}";
			list.append((m > 0) ? ", " : "").append(message);
			history.append((m > 0) ? ", " : "").append('"').append(id).append("\": ").append(message);
		}
		return "{\"id\": \"\", \"title\": \"Chat " + i + "\", \"models\": [\"llama3:8b\"], \"params\": {}, \"messages\": ["
				+ list + "], \"history\": {\"messages\": {" + history + "}, \"currentId\": \"m" + i + "-" + (count - 1)
				+ "\"}, \"tags\": [], \"timestamp\": " + time * 1000 + "}";
	}

	/** Wall time, rows and peak heap of each migration. */
	static final class Timings implements MigrationListener {

		private final Map<String, long[]> rows = new LinkedHashMap<>();

		private final List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter((pool) -> pool.getType() == MemoryType.HEAP)
			.toList();

		/** Wall nanoseconds, rows and peak heap bytes of the migration that runs now. */
		private long[] current;

		private final Map<String, long[]> byId = new HashMap<>();

		private long peakOfRun;

		void clear() {
			this.rows.clear();
			this.byId.clear();
			this.current = null;
			this.peakOfRun = 0;
		}

		@Override
		public void migrationStarted(Tier tier, String id, String description) {
			this.heap.forEach(MemoryPoolMXBean::resetPeakUsage);
			this.current = new long[] { 0, 0, 0 };
			this.rows.put(description, this.current);
			this.byId.put(id, this.current);
		}

		@Override
		public void rowsDone(Tier tier, String id, long done, long total) {
			long[] running = this.byId.getOrDefault(id, this.current);
			if (running != null) {
				running[1] = Math.max(running[1], total);
			}
		}

		@Override
		public void migrationFinished(Tier tier, String id, Duration duration) {
			// a group of revisions that rewrite chat in one pass reports them all after its commit
			long[] finished = this.byId.getOrDefault(id, this.current);
			if (finished != null) {
				finished[0] = duration.toNanos();
				finished[2] = this.heap.stream().mapToLong((pool) -> pool.getPeakUsage().getUsed()).sum();
				this.peakOfRun = Math.max(this.peakOfRun, finished[2]);
			}
		}

		long peakMegabytes() {
			return this.peakOfRun / (1024 * 1024);
		}

		List<String> rows() {
			List<String> lines = new ArrayList<>();
			this.rows.forEach((name, values) -> {
				double seconds = values[0] / 1e9;
				lines.add(String.format("%-52s %9d %10s %10s %9d", name, values[0] / 1_000_000,
						(values[1] > 0) ? String.format("%,d", values[1]) : "",
						(values[1] > 0 && seconds > 0) ? String.format("%,d", (long) (values[1] / seconds)) : "",
						values[2] / (1024 * 1024)));
			});
			return lines;
		}

	}

}
