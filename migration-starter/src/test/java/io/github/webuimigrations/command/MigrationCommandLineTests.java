package io.github.webuimigrations.command;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import io.github.webuimigrations.database.Dialect;
import io.github.webuimigrations.orchestration.DatabaseMigrator;
import io.github.webuimigrations.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commands, run from an application of the user's (here one with a {@code JdbcTemplate}, which
 * would make a normal start migrate while it starts): each does what it says and nothing else,
 * and ends with its exit code; bad input is one line and exit code 1 or 2.
 *
 * @author webui-migrations
 */
class MigrationCommandLineTests {

	@TempDir
	Path directory;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@ParameterizedTest
	@EnumSource(Dialect.class)
	void theCommandsOnAFreshDatabase(Dialect dialect) throws Exception {
		try (TestDatabase database = TestDatabase.create(dialect, this.directory)) {
			String url = "--webui.database.url=" + database.url();
			assertThat(run("migrate", "--to", "009", url)).isEqualTo(MigrationCommands.OK);
			assertThat(database.migrator().status().legacyVersion()).startsWith("009");
			assertThat(run("validate", url)).isEqualTo(MigrationCommands.NOT_READY);
			assertThat(run("migrate", url)).isEqualTo(MigrationCommands.OK);
			assertThat(run("info", "--json", url)).isEqualTo(MigrationCommands.OK);
			assertThat(output()).contains("\"d4c1a8e37b62\"");
			assertThat(run("rollback", "--to", "7e5b5dc7342b", url)).isEqualTo(MigrationCommands.OK);
			assertThat(database.migrator().status().revision()).startsWith("7e5b5dc7342b");
			assertThat(run("preflight", url)).isEqualTo(MigrationCommands.OK);
			assertThat(run("migrate", url)).isEqualTo(MigrationCommands.OK);
			assertThat(run("drift", url)).isEqualTo(MigrationCommands.OK);
			assertThat(run("validate", url)).isEqualTo(MigrationCommands.OK);
			assertThat(errors()).isEmpty();
		}
	}

	@Test
	void theSamePropertiesOnAnyCommandLine() throws Exception {
		try (TestDatabase database = TestDatabase.create(Dialect.SQLITE, this.directory);
				ConfigurableApplicationContext context = new SpringApplicationBuilder(UsersApplication.class)
					.run("--webui.database.url=" + database.url(), "--webui.migrations.command=migrate",
							"--webui.migrations.target=010", "--webui.migrations.command-exit=false")) {
			assertThat(context.getBean(MigrationCommandRunner.class).getExitCode()).isEqualTo(MigrationCommands.OK);
			assertThat(context.getBean(DatabaseMigrator.class).status().legacyVersion()).startsWith("010");
		}
	}

	@Test
	void theStarterAloneRunsACommandWithoutTheApplicationsBeans() throws Exception {
		try (TestDatabase database = TestDatabase.create(Dialect.SQLITE, this.directory)) {
			int code = MigrationCommandLine.run(MigrationCommandLine.StarterOnly.class,
					new PrintStream(this.out, true, StandardCharsets.UTF_8),
					new PrintStream(this.err, true, StandardCharsets.UTF_8), "migrate",
					"--webui.database.url=" + database.url());
			assertThat(code).isEqualTo(MigrationCommands.OK);
			assertThat(database.migrator().status().isUpToDate()).isTrue();
			assertThat(errors()).isEmpty();
		}
	}

	@Test
	void badInputIsOneLine() {
		String url = "--webui.database.url=sqlite:///" + this.directory + "/webui.db";
		assertThat(run("frobnicate", url)).isEqualTo(MigrationCommands.USAGE);
		assertThat(run("rollback", url)).isEqualTo(MigrationCommands.USAGE);
		assertThat(run("migrate", "--from", "x", url)).isEqualTo(MigrationCommands.USAGE);
		assertThat(run("info", "--verbose", url)).isEqualTo(MigrationCommands.USAGE);
		assertThat(run("info", "--webui.database.url=postgresql://u:s3cret@127.0.0.1:1/x"))
			.isEqualTo(MigrationCommands.FAILED);
		assertThat(errors()).containsExactly("error: unknown command 'frobnicate' (try: help)",
				"error: rollback needs --to <target> (a legacy migration, a revision or base; try: help)",
				"error: --from needs a backup file and goes with restore (info lists the backups; try: help)",
				"error: unknown option '--verbose' for info (try: help)", errors().get(4));
		assertThat(errors().get(4)).startsWith("error: ").doesNotContain("s3cret").doesNotContain("\tat ");
		assertThat(this.err.toString(StandardCharsets.UTF_8)).doesNotContain("Exception");
	}

	@Test
	void helpListsTheCommands() {
		assertThat(run("help")).isEqualTo(MigrationCommands.OK);
		assertThat(output()).contains("migrate --to <target>", "rollback --to <target>", "restore --from <file>",
				"info [--json]", "validate", "preflight", "drift");
		assertThat(MigrationCommandLine.isCommand("migrate")).isTrue();
		assertThat(MigrationCommandLine.isCommand("--server.port=0")).isFalse();
		assertThat(MigrationCommandLine.isCommand()).isFalse();
	}

	private int run(String... args) {
		this.out.reset();
		return MigrationCommandLine.run(UsersApplication.class, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), args);
	}

	private String output() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private List<String> errors() {
		return new ArrayList<>(this.err.toString(StandardCharsets.UTF_8).lines().toList());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class UsersApplication {

	}

}
