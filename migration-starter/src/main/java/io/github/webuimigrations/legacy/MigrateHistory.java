package io.github.webuimigrations.legacy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.github.webuimigrations.database.Dialect;

/**
 * peewee-migrate's own bookkeeping table, {@code migratehistory}, kept in step so that
 * upstream's tools read the same state: one row per applied legacy migration, named after
 * its file ({@code 001_initial_schema}), with a naive UTC time as Python wrote it.
 *
 * @author webui-migrations
 */
public final class MigrateHistory {

	/** The table name peewee-migrate uses. */
	public static final String TABLE = "migratehistory";

	/** Python's {@code str(datetime)}: microseconds only when non-zero. */
	private static final DateTimeFormatter PYTHON_DATETIME = new DateTimeFormatterBuilder()
		.appendPattern("yyyy-MM-dd HH:mm:ss")
		.optionalStart()
		.appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true)
		.optionalEnd()
		.toFormatter();

	private MigrateHistory() {
	}

	/**
	 * One applied migration as recorded.
	 * @param name the migration's upstream name
	 * @param migratedAt when it was applied, or {@code null} if unreadable
	 */
	public record Entry(String name, Instant migratedAt) {
	}

	static void createIfMissing(Connection connection, Dialect dialect) throws SQLException {
		new LegacyMigrator(connection).sql("CREATE TABLE IF NOT EXISTS \"migratehistory\" (\"id\" "
				+ ((dialect == Dialect.SQLITE) ? "INTEGER" : "SERIAL")
				+ " NOT NULL PRIMARY KEY, \"name\" VARCHAR(255) NOT NULL, \"migrated_at\" "
				+ ((dialect == Dialect.SQLITE) ? "DATETIME" : "TIMESTAMP") + " NOT NULL)");
	}

	static void record(Connection connection, Dialect dialect, String name) throws SQLException {
		LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
		try (PreparedStatement insert = connection
			.prepareStatement("INSERT INTO \"migratehistory\" (\"name\", \"migrated_at\") VALUES (?, ?)")) {
			insert.setString(1, name);
			if (dialect == Dialect.SQLITE) {
				// str(datetime): microseconds, six digits, only when there are any
				insert.setString(2, now.format(DateTimeFormatter
					.ofPattern((now.getNano() == 0) ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.SSSSSS")));
			}
			else {
				insert.setTimestamp(2, Timestamp.valueOf(now));
			}
			insert.executeUpdate();
		}
	}

	static void remove(Connection connection, String name) throws SQLException {
		try (PreparedStatement delete = connection
			.prepareStatement("DELETE FROM \"migratehistory\" WHERE \"name\" = ?")) {
			delete.setString(1, name);
			delete.executeUpdate();
		}
	}

	/**
	 * The recorded migrations in id order, as peewee-migrate reads them; empty when the
	 * table does not exist.
	 * @param connection a connection
	 * @return the entries
	 * @throws SQLException on a database error
	 */
	public static List<Entry> read(Connection connection) throws SQLException {
		List<Entry> entries = new ArrayList<>();
		if (!SchemaInspector.tableExists(connection, TABLE)) {
			return entries;
		}
		try (PreparedStatement select = connection
			.prepareStatement("SELECT \"name\", \"migrated_at\" FROM \"migratehistory\" ORDER BY \"id\"");
				ResultSet rows = select.executeQuery()) {
			while (rows.next()) {
				entries.add(new Entry(rows.getString(1), instant(rows.getString(2))));
			}
		}
		return entries;
	}

	private static Instant instant(String text) {
		if (text == null) {
			return null;
		}
		try {
			return LocalDateTime.parse(text.replace('T', ' '), PYTHON_DATETIME).toInstant(ZoneOffset.UTC);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
