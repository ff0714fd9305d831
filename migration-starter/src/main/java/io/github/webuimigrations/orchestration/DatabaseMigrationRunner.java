package io.github.webuimigrations.orchestration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Runs the start-up mode before any other runner and before the application reports itself
 * ready, unless the {@link DatabaseMigrationInitializer} ran it while the application started:
 * migrate (the default), validate, or migrate and then stop the application once it is ready
 * (a Kubernetes Job). A failure stops the start-up (upstream logs it and runs on a stale
 * schema; we do not).
 *
 * @author webui-migrations
 */
public class DatabaseMigrationRunner implements ApplicationRunner, ApplicationListener<ApplicationReadyEvent>, Ordered {

	private static final Log logger = LogFactory.getLog(DatabaseMigrationRunner.class);

	private final StartupMigration migration;

	public DatabaseMigrationRunner(StartupMigration migration) {
		this.migration = migration;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.migration.runOnce();
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (this.migration.mode() == StartupMode.MIGRATE_AND_EXIT && event.getApplicationContext().isActive()) {
			logger.info("Migrations done; closing the application (mode migrate-and-exit)");
			SpringApplication.exit(event.getApplicationContext());
		}
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
