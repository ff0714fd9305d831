package io.github.webuimigrations.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import io.github.webuimigrations.database.ConnectionFactory;
import io.github.webuimigrations.database.ConnectionTargets;
import io.github.webuimigrations.database.DatabaseProperties;
import io.github.webuimigrations.orchestration.DatabaseMigrator;

/**
 * A SQLite file migrated to head once per JVM, copied for each test. Migrated outside WAL,
 * so that the file alone is the whole database.
 *
 * @author webui-migrations
 */
final class SqliteTemplate {

	private static Path file;

	private SqliteTemplate() {
	}

	/** The template, migrated on first use. */
	static synchronized Path file() {
		if (file == null) {
			try {
				Path directory = Files.createTempDirectory("webui-template");
				Path template = directory.resolve("webui.db");
				DatabaseProperties properties = new DatabaseProperties();
				properties.setUrl("sqlite:///" + template.toAbsolutePath());
				properties.getSqlite().setWal(false);
				DatabaseMigrator.configure(new ConnectionFactory(ConnectionTargets.resolve(properties),
						properties.getSqlite()))
					.backup(false)
					.load()
					.migrate();
				template.toFile().deleteOnExit();
				directory.toFile().deleteOnExit();
				file = template;
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot make the template database", ex);
			}
		}
		return file;
	}

	/**
	 * A copy of the template.
	 * @param target where the copy goes
	 * @return the copy
	 */
	static Path copyTo(Path target) {
		try {
			Files.createDirectories(target.toAbsolutePath().getParent());
			return Files.copy(file(), target, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot copy the template database to " + target, ex);
		}
	}

}
