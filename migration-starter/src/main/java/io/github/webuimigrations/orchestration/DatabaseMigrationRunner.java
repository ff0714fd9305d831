package io.github.webuimigrations.orchestration;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;

/**
 * Migrates the database when the application starts, before any other runner and before
 * the application reports itself ready. A failure stops the start-up (upstream logs it and
 * runs on a stale schema; we do not).
 *
 * @author webui-migrations
 */
public class DatabaseMigrationRunner implements ApplicationRunner, Ordered {

	private final DatabaseMigrator migrator;

	public DatabaseMigrationRunner(DatabaseMigrator migrator) {
		this.migrator = migrator;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.migrator.migrate();
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
