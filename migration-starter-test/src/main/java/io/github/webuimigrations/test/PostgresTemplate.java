package io.github.webuimigrations.test;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.webuimigrations.database.ConnectionFactory;
import io.github.webuimigrations.database.ConnectionTargets;
import io.github.webuimigrations.database.DatabaseProperties;
import io.github.webuimigrations.orchestration.DatabaseMigrator;

/**
 * A PostgreSQL database migrated to head once per JVM and server, copied for each test with
 * {@code CREATE DATABASE … TEMPLATE}. A copy costs the server about as much as any new
 * database (a few hundred ms with fsync on), so the next copy is made ahead, while the
 * current test runs. Whatever is left is dropped when the JVM ends.
 *
 * @author webui-migrations
 */
final class PostgresTemplate {

	private static final Map<String, PostgresTemplate> SERVERS = new ConcurrentHashMap<>();

	private final String server;

	private final String template;

	private final ExecutorService maker;

	private final Deque<Future<String>> ahead = new ArrayDeque<>();

	private PostgresTemplate(String server) {
		this.server = server;
		this.template = "webui_template_" + suffix();
		execute("CREATE DATABASE " + this.template);
		try {
			DatabaseMigrator.configure(dataSource(url(this.template))).backup(false).load().migrate();
		}
		catch (RuntimeException ex) {
			execute("DROP DATABASE IF EXISTS " + this.template + " WITH (FORCE)");
			throw ex;
		}
		this.maker = Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, "webui-test-databases");
			thread.setDaemon(true);
			return thread;
		});
		Runtime.getRuntime().addShutdownHook(new Thread(this::dropAll, "webui-test-databases-cleanup"));
	}

	/** The template of a server, made on first use. */
	static PostgresTemplate of(String server) {
		return SERVERS.computeIfAbsent(server, PostgresTemplate::new);
	}

	/** A new copy of the template; the next one is started at once. */
	synchronized WebuiTestDatabase copy() {
		if (this.ahead.isEmpty()) {
			this.ahead.add(this.maker.submit(this::create));
		}
		Future<String> next = this.ahead.poll();
		this.ahead.add(this.maker.submit(this::create));
		String name;
		try {
			name = next.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while copying the template database", ex);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime
					: new IllegalStateException(ex.getCause());
		}
		return new WebuiTestDatabase(url(name), jdbcUrl(name),
				() -> execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
	}

	private String create() {
		String name = "webui_test_" + suffix();
		execute("CREATE DATABASE " + name + " TEMPLATE " + this.template);
		return name;
	}

	private synchronized void dropAll() {
		this.maker.shutdown();
		for (Future<String> copy : this.ahead) {
			try {
				execute("DROP DATABASE IF EXISTS " + copy.get() + " WITH (FORCE)");
			}
			catch (Exception ex) {
				// the JVM is ending: nothing more to do
			}
		}
		execute("DROP DATABASE IF EXISTS " + this.template + " WITH (FORCE)");
	}

	private void execute(String sql) {
		try (Connection connection = dataSource(this.server).getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("PostgreSQL at " + new WebuiTestDatabase(this.server, null, () -> {
			}) + " refused '" + sql + "': " + ex.getMessage(), ex);
		}
	}

	/** The server's URL with another database. */
	private String url(String database) {
		URI uri = URI.create(this.server);
		return uri.getScheme() + "://" + uri.getRawAuthority() + "/" + database
				+ ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
	}

	private String jdbcUrl(String database) {
		URI uri = URI.create(this.server);
		String user = uri.getUserInfo();
		String query = (user == null) ? "" : "?user=" + user.split(":", 2)[0]
				+ (user.contains(":") ? "&password=" + user.split(":", 2)[1] : "");
		return "jdbc:postgresql://" + uri.getHost() + ((uri.getPort() > 0) ? ":" + uri.getPort() : "") + "/" + database
				+ query;
	}

	private static ConnectionFactory dataSource(String url) {
		DatabaseProperties properties = new DatabaseProperties();
		properties.setUrl(url);
		return new ConnectionFactory(ConnectionTargets.resolve(properties), properties.getSqlite());
	}

	private static String suffix() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

}
