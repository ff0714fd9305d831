package io.github.webuimigrations.legacy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.webuimigrations.MigrationException;
import io.github.webuimigrations.MigrationInfo;
import io.github.webuimigrations.MigrationState;
import io.github.webuimigrations.Tier;
import io.github.webuimigrations.database.Dialect;
import io.github.webuimigrations.database.Failures;
import io.github.webuimigrations.database.WebuiDatabase;

/**
 * The legacy tier's two records, kept in step: peewee's {@code migratehistory} (what open-webui
 * reads) and Flyway's history table, read with plain SQL and checked against each other and
 * against upstream's 18 migrations.
 *
 * @author webui-migrations
 */
final class LegacyHistory {

	private final WebuiDatabase database;

	private final String historyTable;

	private final List<LegacyMigration> migrations;

	LegacyHistory(WebuiDatabase database, String historyTable, List<LegacyMigration> migrations) {
		this.database = database;
		this.historyTable = historyTable;
		this.migrations = migrations;
	}

	/**
	 * Every legacy migration with its state in a history as read.
	 * @param state the history
	 * @return one entry per migration, in order
	 */
	List<MigrationInfo> info(State state) {
		List<MigrationInfo> infos = new ArrayList<>();
		for (LegacyMigration migration : this.migrations) {
			String id = String.format("%03d", migration.number());
			MigrateHistory.Entry entry = state.history().get(migration.upstreamName());
			Applied applied = state.applied().get(migration.number());
			Integer executionTime = (applied != null) ? applied.executionTime() : null;
			MigrationState migrationState;
			if (!state.applicable()) {
				migrationState = MigrationState.SKIPPED;
			}
			else if (entry == null) {
				migrationState = MigrationState.PENDING;
			}
			else {
				migrationState = (executionTime != null) ? MigrationState.APPLIED : MigrationState.ADOPTED;
			}
			Integer checksum = (applied != null) ? applied.checksum() : null;
			infos.add(new MigrationInfo(Tier.LEGACY, id, migration.upstreamName(), migrationState,
					(entry != null) ? entry.migratedAt() : null, executionTime,
					(checksum != null) ? Integer.toString(checksum) : null,
					checksum != null && !checksum.equals(migration.getChecksum())));
		}
		return infos;
	}

	/**
	 * Read both histories, checked against each other and against upstream's migrations.
	 * @return the state
	 */
	State read() {
		try (Connection connection = this.database.connect()) {
			Dialect dialect = Dialect.of(connection);
			List<MigrateHistory.Entry> entries = MigrateHistory.read(connection);
			boolean applicable = !entries.isEmpty() || SchemaInspector.tableExists(connection, MigrateHistory.TABLE)
					|| !SchemaInspector.tableExists(connection, "alembic_version");
			Map<String, MigrateHistory.Entry> history = new HashMap<>();
			for (int i = 0; i < entries.size(); i++) {
				String name = entries.get(i).name();
				if (i >= this.migrations.size() || !this.migrations.get(i).upstreamName().equals(name)) {
					throw new MigrationException("migratehistory lists '" + name + "' as migration " + (i + 1)
							+ ", but open-webui's legacy migration " + (i + 1) + " is "
							+ ((i < this.migrations.size()) ? this.migrations.get(i).upstreamName() : "none")
							+ ": this database was not made by upstream open-webui's legacy tier");
				}
				history.put(name, entries.get(i));
			}
			Map<Integer, Applied> applied = applied(connection);
			int recorded = applied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
			if (recorded > entries.size()) {
				throw new MigrationException(this.historyTable + " records legacy migration "
						+ String.format("%03d", recorded) + " but migratehistory stops at " + describe(entries.size())
						+ ": the two histories disagree; restore migratehistory or drop " + this.historyTable);
			}
			return new State(dialect, applicable, entries.size(), history, applied, mirrored(connection));
		}
		catch (SQLException ex) {
			throw new MigrationException("Cannot read the legacy tier's history: " + Failures.rootMessage(ex), ex);
		}
	}

	/** The migrations Flyway applied (not baselined), by number. */
	private Map<Integer, Applied> applied(Connection connection) throws SQLException {
		Map<Integer, Applied> applied = new HashMap<>();
		if (!SchemaInspector.tableExists(connection, this.historyTable)) {
			return applied;
		}
		try (Statement select = connection.createStatement();
				ResultSet rows = select.executeQuery("SELECT version, execution_time, checksum FROM "
						+ LegacyMigrator.quote(this.historyTable) + " WHERE success AND type <> 'BASELINE'")) {
			while (rows.next()) {
				if (rows.getString(1) != null) {
					Object checksum = rows.getObject(3);
					applied.put(Integer.parseInt(rows.getString(1)), new Applied(rows.getInt(2),
							(checksum != null) ? ((Number) checksum).intValue() : null));
				}
			}
		}
		return applied;
	}

	/** The highest version in Flyway's history, baseline included; -1 without a history table. */
	private int mirrored(Connection connection) throws SQLException {
		if (!SchemaInspector.tableExists(connection, this.historyTable)) {
			return -1;
		}
		int highest = 0;
		try (Statement select = connection.createStatement();
				ResultSet rows = select.executeQuery("SELECT version FROM " + LegacyMigrator.quote(this.historyTable)
						+ " WHERE success")) {
			while (rows.next()) {
				if (rows.getString(1) != null) {
					highest = Math.max(highest, Integer.parseInt(rows.getString(1)));
				}
			}
		}
		return highest;
	}

	/** Remove a rolled-back migration from Flyway's history, moving a baseline below it. */
	void forget(Connection connection, int number) throws SQLException {
		if (!SchemaInspector.tableExists(connection, this.historyTable)) {
			return;
		}
		String table = LegacyMigrator.quote(this.historyTable);
		List<Object[]> rows = new ArrayList<>();
		try (Statement select = connection.createStatement();
				ResultSet result = select.executeQuery("SELECT installed_rank, version, type FROM " + table)) {
			while (result.next()) {
				rows.add(new Object[] { result.getInt(1), result.getString(2), result.getString(3) });
			}
		}
		for (Object[] row : rows) {
			if (row[1] == null || Integer.parseInt((String) row[1]) < number) {
				continue;
			}
			boolean baseline = "BASELINE".equals(row[2]);
			String sql = (baseline && number > 1)
					? "UPDATE " + table + " SET version = '" + String.format("%03d", number - 1)
							+ "' WHERE installed_rank = ?"
					: "DELETE FROM " + table + " WHERE installed_rank = ?";
			try (PreparedStatement statement = connection.prepareStatement(sql)) {
				statement.setInt(1, (Integer) row[0]);
				statement.executeUpdate();
			}
		}
	}

	/** Drop Flyway's copy, to be rebuilt from migratehistory. */
	void dropTable() {
		try (Connection connection = this.database.connect(); Statement statement = connection.createStatement()) {
			statement.execute("DROP TABLE " + LegacyMigrator.quote(this.historyTable));
		}
		catch (SQLException ex) {
			throw new MigrationException("Cannot rebuild " + this.historyTable + ": " + Failures.rootMessage(ex), ex);
		}
	}

	String describe(int number) {
		return (number == 0) ? "the start of the legacy tier" : this.migrations.get(number - 1).upstreamName();
	}

	record State(Dialect dialect, boolean applicable, int done, Map<String, MigrateHistory.Entry> history,
			Map<Integer, Applied> applied, int mirrored) {
	}

	record Applied(int executionTime, Integer checksum) {
	}

}
