package io.github.webuimigrations.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.github.webuimigrations.database.Dialect;
import io.github.webuimigrations.drift.TableShapes;

/**
 * The shape of the open-webui tables of a database as sorted text lines: per table its
 * columns in order (name, declared type, NOT NULL, primary key) and its indexes (name,
 * uniqueness, columns). Bookkeeping tables of Flyway and Liquibase are left out. Read with the
 * drift check's own catalog queries ({@link TableShapes}).
 */
public final class SchemaSnapshot {

	private SchemaSnapshot() {
	}

	public static List<String> of(TestDatabase database) throws SQLException {
		return of(database, true);
	}

	/**
	 * The snapshot, or without types its looser form: column names, NOT NULL, primary key and
	 * indexes, columns in name order (upstream's rollbacks re-add columns at the end).
	 */
	public static List<String> of(TestDatabase database, boolean withTypes) throws SQLException {
		try (Connection connection = database.connection()) {
			boolean sqlite = Dialect.of(connection) == Dialect.SQLITE;
			List<String> lines = new ArrayList<>();
			for (TableShapes.TableShape table : TableShapes.read(connection, database.bookkeepingTables())) {
				lines.add("table " + table.name());
				List<String> shape = new ArrayList<>();
				for (TableShapes.Column column : table.columns()) {
					shape.add("  column " + column.name() + (withTypes ? " " + column.type() : "")
							+ (column.notNull() ? " not null" : "") + ((column.primaryKeyPosition() > 0) ? " pk" : "")
							+ ((withTypes && column.defaultValue() != null) ? " default " + column.defaultValue() : ""));
				}
				List<TableShapes.Index> indexes = new ArrayList<>(table.indexes());
				indexes.sort(Comparator.comparing(TableShapes.Index::name));
				for (TableShapes.Index index : indexes) {
					shape.add("  " + ((!sqlite && index.origin() == TableShapes.Index.Origin.PRIMARY_KEY) ? "primary key "
							: "index ") + index.name() + (index.unique() ? " unique" : "") + " ("
							+ String.join(", ", index.columns()) + ")"
							+ ((index.where() != null) ? " where " + index.where() : ""));
				}
				List<String> keys = new ArrayList<>();
				for (TableShapes.ForeignKey key : table.foreignKeys()) {
					keys.add(sqlite ? "  foreign key (" + String.join(", ", key.columns()) + ") references " + key.target()
							+ " (" + String.join(", ", key.targetColumns()) + ") on delete " + key.onDelete()
							: "  foreign key " + key.name() + " " + key.definition());
				}
				keys.sort(null);
				shape.addAll(keys);
				if (!withTypes) {
					shape.sort(null);
				}
				lines.addAll(shape);
			}
			return lines;
		}
	}

}
