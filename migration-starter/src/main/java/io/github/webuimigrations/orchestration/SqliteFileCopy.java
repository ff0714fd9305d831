package io.github.webuimigrations.orchestration;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A SQLite database copied as a file: everything checkpointed into it, then copied while this
 * connection keeps every writer out ({@code BEGIN IMMEDIATE}), then synced. A file copy is a
 * few times faster than {@code VACUUM INTO}, which rebuilds every table and index, and an
 * encrypted file stays encrypted with its own key. When the log cannot be emptied (a reader
 * holds it) or a writer came first or holds on, nothing is copied and the caller takes
 * {@code VACUUM INTO}.
 *
 * @author webui-migrations
 */
final class SqliteFileCopy {

	private SqliteFileCopy() {
	}

	/**
	 * Copy the database file.
	 * @param connection a connection to the database, in auto-commit, with no transaction open
	 * @param database the database file
	 * @param target the copy, written whole or not at all
	 * @return whether the copy was made
	 * @throws SQLException if the database refuses the checkpoint or the transaction
	 * @throws IOException if the copy cannot be written
	 */
	static boolean copy(Connection connection, Path database, Path target) throws SQLException, IOException {
		try (Statement statement = connection.createStatement()) {
			try (ResultSet checkpoint = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
				// busy: a reader or writer kept part of the log out of the file
				if (checkpoint.next() && checkpoint.getInt(1) != 0) {
					return false;
				}
			}
			try {
				statement.execute("BEGIN IMMEDIATE");
			}
			catch (SQLException ex) {
				// a writer held on past the busy timeout
				return false;
			}
			try {
				if (size(Path.of(database + "-wal")) > 0 || size(Path.of(database + "-journal")) > 0) {
					return false;
				}
				Path partial = target.resolveSibling(target.getFileName() + ".partial");
				try {
					Files.copy(database, partial, StandardCopyOption.REPLACE_EXISTING);
					try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
						channel.force(true);
					}
					Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
				}
				finally {
					Files.deleteIfExists(partial);
				}
				return true;
			}
			finally {
				statement.execute("ROLLBACK");
			}
		}
	}

	private static long size(Path file) throws IOException {
		return Files.exists(file) ? Files.size(file) : 0;
	}

}
