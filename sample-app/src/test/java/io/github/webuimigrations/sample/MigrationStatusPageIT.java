package io.github.webuimigrations.sample;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.webuimigrations.orchestration.DatabaseMigrator;
import io.github.webuimigrations.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The status page in a real headless Chromium, against the jar as users run it: while the
 * start-up migration converts many chats it shows the running revision and its progress, then
 * both tiers up to date. Screenshots go to {@code target/screenshots}.
 */
class MigrationStatusPageIT {

	private static final int CHATS = 150_000;

	@TempDir
	Path directory;

	@BeforeEach
	void needsChromium() {
		// CI must run browser tests, never skip them
		if ("true".equals(System.getenv("CI"))) {
			assertThat(HeadlessChromium.available()).as("chromium and chromium-driver installed (.ci/run does it)").isTrue();
		}
		assumeTrue(HeadlessChromium.available(), "chromium and chromium-driver are not installed");
	}

	@Test
	void showsARunningDataMigrationThenBothTiersUpToDate() throws Exception {
		Path file = this.directory.resolve("webui.db");
		try (TestDatabase database = TestDatabase.sqlite(file)) {
			DatabaseMigrator migrator = database.migrator();
			migrator.migrate(migrator.target("6a39f3d8e55c"));
			insertChats(database);
		}
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		String base = "http://127.0.0.1:" + port;
		Process app = SampleAppJar.serve(this.directory, Map.of("DATABASE_URL", "sqlite:///" + file), "--server.port=" + port,
				"--sample.admin.password=s3same");
		try (HeadlessChromium browser = new HeadlessChromium()) {
			// the server listens before the start-up migration ends: wait for the page to show the run
			long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
			boolean progressSeen = false;
			while (!progressSeen && System.nanoTime() < deadline) {
				assertThat(app.isAlive()).as("the app exited early").isTrue();
				try {
					browser.open(base + "/migrations");
					progressSeen = !browser.texts("#progress").isEmpty()
							&& browser.text("#run-phase").equals("migrating");
				}
				catch (RuntimeException ex) {
					// not listening yet
				}
				if (!progressSeen) {
					Thread.sleep(200);
				}
			}
			assertThat(progressSeen).as("the page showed a running data migration with its progress").isTrue();
			assertThat(browser.text("#status")).isEqualTo("migrating");
			assertThat(browser.text("#current h2")).startsWith("Running: ");
			assertThat(browser.text("#progress")).matches("[\\d,]+ of [\\d,]+ rows \\(\\d+%\\), [\\d,]+ rows/s.*");
			assertThat(browser.texts("#legacy li.migration.applied")).hasSize(18);
			assertThat(browser.texts("#revisioned li.migration.running")).hasSize(1);
			browser.screenshot(Path.of("target", "screenshots", "migrations-running.png"));

			browser.waitForText("#status", "up to date", Duration.ofSeconds(300));
			assertThat(browser.text("#legacy-version")).isEqualTo("018_add_function_is_global");
			assertThat(browser.text("#revision")).isEqualTo("d4c1a8e37b62");
			assertThat(browser.text("#run-phase")).isEqualTo("succeeded");
			assertThat(browser.text("#open-webui-version")).isEqualTo("0.11.1 to 0.11.4");
			assertThat(browser.texts("#revisioned li.migration")).hasSize(58);
			assertThat(browser.texts("#revisioned li.migration.pending")).isEmpty();
			browser.screenshot(Path.of("target", "screenshots", "migrations-up-to-date.png"));

			HttpClient client = HttpClient.newHttpClient();
			HttpResponse<String> endpoint = client.send(HttpRequest.newBuilder(URI.create(base + "/actuator/migrations")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(endpoint.statusCode()).isEqualTo(200);
			assertThat(endpoint.body()).contains("\"upToDate\":true", "\"revision\":\"d4c1a8e37b62\"",
					"\"openWebui\":{\"starter\":\"0.11.4\",\"database\":\"0.11.1 to 0.11.4\"}");
			HttpResponse<String> readiness = client.send(
					HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(readiness.body()).contains("\"migrations\":{\"details\":{\"state\":\"up_to_date\"").endsWith("\"status\":\"UP\"}");
			// rollback is a write operation: even the admin cannot reach it unless access is made unrestricted
			assertThat(post(client, base, "admin:s3same", "{\"target\": \"base\"}").statusCode()).isIn(404, 405);
			assertThat(post(client, base, null, "{\"target\": \"base\"}").statusCode()).isEqualTo(401);
			browser.open(base + "/migrations");
			assertThat(browser.text("#revision")).isEqualTo("d4c1a8e37b62");
		}
		finally {
			app.destroy();
			app.waitFor();
		}
	}

	@Test
	void rollbackOverHttpNeedsUnrestrictedAccessAndTheAdminRole() throws Exception {
		Path file = this.directory.resolve("webui.db");
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		String base = "http://127.0.0.1:" + port;
		Process app = SampleAppJar.serve(this.directory, Map.of("DATABASE_URL", "sqlite:///" + file), "--server.port=" + port,
				"--management.endpoint.migrations.access=unrestricted", "--sample.admin.password=op3n s3same");
		try {
			HttpClient client = HttpClient.newHttpClient();
			String status = "";
			for (int attempt = 0; attempt < 120 && !status.contains("\"upToDate\":true"); attempt++) {
				try {
					status = client.send(HttpRequest.newBuilder(URI.create(base + "/actuator/migrations")).build(),
							HttpResponse.BodyHandlers.ofString()).body();
				}
				catch (java.io.IOException ex) {
					assertThat(app.isAlive()).as("the app exited early").isTrue();
				}
				Thread.sleep(500);
			}
			assertThat(status).contains("\"upToDate\":true");
			assertThat(post(client, base, null, "{\"target\": \"242a2047eae0\"}").statusCode()).isEqualTo(401);
			assertThat(post(client, base, "admin:wrong", "{\"target\": \"242a2047eae0\"}").statusCode()).isEqualTo(401);
			assertThat(post(client, base, "admin:op3n s3same", "{\"target\": \"nowhere\"}").statusCode()).isEqualTo(400);
			HttpResponse<String> rolledBack = post(client, base, "admin:op3n s3same", "{\"target\": \"242a2047eae0\"}");
			assertThat(rolledBack.statusCode()).isEqualTo(200);
			assertThat(rolledBack.body()).contains("\"revision\":\"242a2047eae0\"", "\"status\":\"behind\"");
			HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(health.statusCode()).isEqualTo(503);
			assertThat(health.body()).contains("\"state\":\"behind\"");
		}
		finally {
			app.destroy();
			app.waitFor();
		}
	}

	private static HttpResponse<String> post(HttpClient client, String base, String credentials, String json)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/actuator/migrations"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (credentials != null) {
			request.header("Authorization", "Basic " + java.util.Base64.getEncoder()
				.encodeToString(credentials.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		}
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static void insertChats(TestDatabase database) throws Exception {
		try (Connection connection = database.connection()) {
			connection.setAutoCommit(false);
			try (PreparedStatement insert = connection.prepareStatement("INSERT INTO chat (id, user_id, title, chat, "
					+ "archived, created_at, updated_at) VALUES (?, 'u1', 'A chat', ?, 0, 1700000000, 1700000000)")) {
				for (int i = 0; i < CHATS; i++) {
					insert.setString(1, String.format("chat-%06d", i));
					insert.setString(2, "{\"title\": \"A chat\", \"messages\": [{\"role\": \"user\", \"content\": \"hi " + i
							+ "\"}], \"tags\": [\"t" + (i % 7) + "\"]}");
					insert.addBatch();
					if (i % 1000 == 999) {
						insert.executeBatch();
					}
				}
				insert.executeBatch();
			}
			connection.commit();
		}
	}

}
