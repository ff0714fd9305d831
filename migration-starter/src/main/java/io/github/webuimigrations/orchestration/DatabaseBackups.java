package io.github.webuimigrations.orchestration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.webuimigrations.MigrationException;
import io.github.webuimigrations.database.Dialect;
import io.github.webuimigrations.database.Sql;

/**
 * Consistent copies of a SQLite (or SQLCipher) database, written beside it before an upgrade
 * (a file copy while writers are kept out, {@link SqliteFileCopy}, else {@code VACUUM INTO}: one
 * snapshot either way, encrypted with the database's own key), the newest few
 * kept, and put back on request. PostgreSQL gets no copy: {@code pg_dump} is the tool there.
 *
 * @author webui-migrations
 */
final class DatabaseBackups {

	private static final Log logger = LogFactory.getLog(DatabaseBackups.class);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private static final String SUFFIX = ".backup";

	private static final String RESTORE_SOURCE = "webui_migrations_restore_source";

	private final DataSource dataSource;

	private final boolean enabled;

	private final int keep;

	private final Path directory;

	private final ToLongFunction<Path> usableSpace;

	private volatile boolean postgresqlNoted;

	/**
	 * Backups of a database.
	 * @param dataSource the database
	 * @param enabled whether a backup is taken before an upgrade
	 * @param keep how many backups to keep (at least 1)
	 * @param directory where to write them, or {@code null} for beside the database file
	 * @param usableSpace how much free space a directory has
	 */
	DatabaseBackups(DataSource dataSource, boolean enabled, int keep, Path directory, ToLongFunction<Path> usableSpace) {
		this.dataSource = dataSource;
		this.enabled = enabled;
		this.keep = Math.max(1, keep);
		this.directory = directory;
		this.usableSpace = usableSpace;
	}

	/**
	 * Copy the database before an upgrade, when it is a SQLite file that holds something, and
	 * drop the oldest copies beyond the number kept. Checks the free disk space first.
	 * @param label what the copy holds, e.g. the revision {@code f0bd01a18a3d}, or {@code null}
	 * for an empty database (which gets no copy)
	 * @return the copy, or {@code null} if none was taken
	 * @throws MigrationException if the copy cannot be written; nothing has changed then
	 */
	public Path beforeUpgrade(String label) {
		if (!this.enabled || label == null) {
			return null;
		}
		try (Connection connection = this.dataSource.getConnection()) {
			if (Dialect.of(connection) != Dialect.SQLITE) {
				if (!this.postgresqlNoted) {
					this.postgresqlNoted = true;
					logger.info("No backup taken before upgrading: the database is PostgreSQL; take one with pg_dump "
							+ "(see the README, Backups)");
				}
				return null;
			}
			Path database = databaseFile(connection);
			Path target = target(database, label);
			long needed = size(database) + size(Path.of(database + "-wal"));
			long free = this.usableSpace.applyAsLong(target.getParent());
			if (free < needed) {
				throw new MigrationException("Not enough free disk space for the backup taken before upgrading: it needs "
						+ "up to " + megabytes(needed) + " in " + target.getParent() + ", " + megabytes(free)
						+ " free; nothing was migrated. Free some space, or set webui.migrations.backup=off to upgrade "
						+ "without a backup");
			}
			long start = System.nanoTime();
			boolean copied = SqliteFileCopy.copy(connection, database, target);
			if (!copied) {
				try (Statement statement = connection.createStatement()) {
					// one snapshot of the database, encrypted like it (SQLCipher: the same key)
					statement.execute("VACUUM INTO '" + target.toString().replace("'", "''") + "'");
				}
			}
			logger.debug("Backed up " + database + " to " + target + (copied ? " (a file copy)" : " (VACUUM INTO)")
					+ " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
			prune(database);
			return target;
		}
		catch (SQLException | IOException ex) {
			throw new MigrationException("The backup before upgrading failed, nothing was migrated: " + ex.getMessage()
					+ " (set webui.migrations.backup=off to upgrade without a backup)", ex);
		}
	}

	/**
	 * The backups of the database, newest first; none for PostgreSQL.
	 * @return the backup files
	 */
	public List<Path> list() {
		try (Connection connection = this.dataSource.getConnection()) {
			if (Dialect.of(connection) != Dialect.SQLITE) {
				return List.of();
			}
			return backups(databaseFile(connection));
		}
		catch (SQLException ex) {
			throw new MigrationException("Cannot list the backups: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Put a backup back: the database's tables and indexes become the backup's, in one
	 * transaction (a failure leaves the database as it was). The caller holds the migration lock.
	 * @param backup a backup file of this database (encrypted ones with the same key)
	 * @throws MigrationException if the file is not a backup that opens, or the copy fails
	 */
	public void restore(Path backup) {
		if (!Files.isRegularFile(backup)) {
			throw new MigrationException("Cannot restore " + backup + ": no such file");
		}
		try (Connection connection = this.dataSource.getConnection()) {
			if (Dialect.of(connection) != Dialect.SQLITE) {
				throw new MigrationException("restore puts back SQLite backups; restore a PostgreSQL database with pg_restore");
			}
			// attached without a key, SQLCipher uses the main database's: a backup we wrote opens
			Sql.execute(connection, "ATTACH DATABASE ? AS " + RESTORE_SOURCE, backup.toString());
			try {
				List<String> tables = objects(connection, RESTORE_SOURCE, "table");
				if (!tables.contains("alembic_version") && !tables.contains("migratehistory")) {
					throw new MigrationException("Cannot restore " + backup + ": it is not a backup of an open-webui database "
							+ "(no alembic_version or migratehistory)");
				}
				replaceContents(connection, tables);
			}
			finally {
				Sql.execute(connection, "DETACH DATABASE " + RESTORE_SOURCE);
			}
		}
		catch (SQLException ex) {
			throw new MigrationException("Cannot restore " + backup + ", the database is unchanged: " + ex.getMessage(), ex);
		}
	}

	private static void replaceContents(Connection connection, List<String> tables) throws SQLException {
		Sql.execute(connection, "PRAGMA foreign_keys = OFF");
		boolean autoCommit = connection.getAutoCommit();
		connection.setAutoCommit(false);
		try {
			for (String table : objects(connection, "main", "table")) {
				Sql.execute(connection, "DROP TABLE " + Sql.quote(table));
			}
			for (String table : tables) {
				Sql.execute(connection, sql(connection, table));
				Sql.execute(connection, "INSERT INTO main." + Sql.quote(table) + " SELECT * FROM " + RESTORE_SOURCE + "."
						+ Sql.quote(table));
			}
			for (String index : objects(connection, RESTORE_SOURCE, "index")) {
				Sql.execute(connection, sql(connection, index));
			}
			connection.commit();
		}
		catch (SQLException | RuntimeException ex) {
			connection.rollback();
			throw ex;
		}
		finally {
			connection.setAutoCommit(autoCommit);
		}
	}

	/** Tables or explicitly created indexes of a schema, in creation order. */
	private static List<String> objects(Connection connection, String schema, String type) throws SQLException {
		return Sql.strings(connection, "SELECT name FROM " + schema + ".sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%' "
				+ "AND sql IS NOT NULL ORDER BY rowid", type);
	}

	private static String sql(Connection connection, String name) throws SQLException {
		return Sql.strings(connection, "SELECT sql FROM " + RESTORE_SOURCE + ".sqlite_master WHERE name = ?", name).get(0);
	}

	private Path target(Path database, String label) {
		Path folder = (this.directory != null) ? this.directory : database.toAbsolutePath().getParent();
		try {
			Files.createDirectories(folder);
		}
		catch (IOException ex) {
			throw new MigrationException("Cannot create the backup directory " + folder + ": " + ex.getMessage(), ex);
		}
		String name = database.getFileName() + "." + label + "." + TIME.format(Instant.now());
		Path target = folder.resolve(name + SUFFIX);
		for (int i = 2; Files.exists(target); i++) {
			target = folder.resolve(name + "-" + i + SUFFIX);
		}
		return target;
	}

	private void prune(Path database) {
		List<Path> backups = backups(database);
		for (Path old : backups.subList(Math.min(this.keep, backups.size()), backups.size())) {
			try {
				Files.deleteIfExists(old);
			}
			catch (IOException ex) {
				logger.warn("Cannot delete the old backup " + old + ": " + ex.getMessage());
			}
		}
	}

	private List<Path> backups(Path database) {
		Path folder = (this.directory != null) ? this.directory : database.toAbsolutePath().getParent();
		String prefix = database.getFileName() + ".";
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(folder)) {
			List<Path> backups = new ArrayList<>(files
				.filter((file) -> file.getFileName().toString().startsWith(prefix)
						&& file.getFileName().toString().endsWith(SUFFIX))
				.toList());
			// names end in the UTC time: newest first
			backups.sort(Comparator.comparing((Path file) -> file.getFileName().toString()
				.replaceFirst(".*\\.(\\d{8}T\\d{6}Z(-\\d+)?)\\" + SUFFIX + "$", "$1")).reversed());
			return backups;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path databaseFile(Connection connection) throws SQLException {
		List<String> files = Sql.strings(connection, "SELECT file FROM pragma_database_list WHERE name = 'main'");
		if (files.isEmpty() || files.get(0) == null || files.get(0).isEmpty()) {
			throw new SQLException("the SQLite database has no file");
		}
		return Path.of(files.get(0));
	}

	private static long size(Path file) {
		try {
			return Files.exists(file) ? Files.size(file) : 0;
		}
		catch (IOException ex) {
			return 0;
		}
	}

	static long usableSpace(Path folder) {
		try {
			return Files.getFileStore(folder).getUsableSpace();
		}
		catch (IOException ex) {
			return Long.MAX_VALUE;
		}
	}

	private static String megabytes(long bytes) {
		return String.format(Locale.ROOT, "%,.1f MB", bytes / 1e6);
	}

}
