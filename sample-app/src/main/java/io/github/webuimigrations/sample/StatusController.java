package io.github.webuimigrations.sample;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.webuimigrations.MigrationInfo;
import io.github.webuimigrations.command.MigrationCommands;
import io.github.webuimigrations.orchestration.DatabaseMigrator;

/**
 * A minimal view of the database's migrations, to show the app is up on a migrated schema.
 *
 * @author webui-migrations
 */
@RestController
class StatusController {

	private final DatabaseMigrator migrator;

	StatusController(DatabaseMigrator migrator) {
		this.migrator = migrator;
	}

	@GetMapping(path = "/", produces = "text/plain")
	String status() {
		List<MigrationInfo> infos = this.migrator.info();
		return MigrationCommands.table(infos);
	}

}
