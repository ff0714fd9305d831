package io.github.webuimigrations.drift;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * A schema as comparable items, read from the database's own catalog ({@link TableShapes}): per
 * table its columns (type, NOT NULL, default), primary key, unique constraints, indexes (columns
 * with their order, uniqueness, partial {@code WHERE}) and foreign keys. Each item has a key
 * that says what it is ({@code column chat.timer_at}) and a value that says how it is
 * ({@code BIGINT null}); names the database makes up (unnamed SQLite constraints, PostgreSQL's
 * generated constraint names) are not part of the keys. Column order is not compared:
 * upstream's downgrades re-add columns at the end.
 *
 * @author webui-migrations
 */
public final class SchemaCatalog {

	private final TreeMap<String, String> items;

	private SchemaCatalog(TreeMap<String, String> items) {
		this.items = items;
	}

	/**
	 * Every item, by key.
	 * @return the items in key order
	 */
	public TreeMap<String, String> items() {
		return new TreeMap<>(this.items);
	}

	/**
	 * Read the schema of a connection (its current schema on PostgreSQL).
	 * @param connection the connection
	 * @param excluded tables left out (bookkeeping), lower case
	 * @return the catalog
	 * @throws SQLException on a database error
	 */
	public static SchemaCatalog read(Connection connection, Set<String> excluded) throws SQLException {
		TreeMap<String, String> items = new TreeMap<>();
		for (TableShapes.TableShape table : TableShapes.read(connection, excluded)) {
			String name = table.name();
			items.put("table " + name, "");
			List<String> primaryKey = new ArrayList<>();
			for (TableShapes.Column column : table.columns()) {
				items.put("column " + name + "." + column.name(), column.type() + (column.notNull() ? " not null" : " null")
						+ ((column.defaultValue() != null) ? " default " + column.defaultValue() : ""));
				if (column.primaryKeyPosition() > 0) {
					primaryKey.add(column.name());
				}
			}
			primaryKey.sort((a, b) -> position(table, a) - position(table, b));
			if (!primaryKey.isEmpty()) {
				items.put("primary key " + name, "(" + String.join(", ", primaryKey) + ")");
			}
			for (TableShapes.Index index : table.indexes()) {
				String columns = "(" + String.join(", ", index.columns()) + ")";
				if (index.origin() == TableShapes.Index.Origin.UNIQUE_CONSTRAINT) {
					items.put("unique " + name + " " + columns, "");
				}
				else if (index.origin() == TableShapes.Index.Origin.EXPLICIT) {
					items.put("index " + name + "." + index.name(), (index.unique() ? "unique " : "") + columns
							+ ((index.where() != null) ? " where " + index.where().strip() : ""));
				}
			}
			for (TableShapes.ForeignKey key : table.foreignKeys()) {
				items.put("foreign key " + name + " (" + String.join(", ", key.columns()) + ") references " + key.target()
						+ " (" + String.join(", ", key.targetColumns()) + ")", "on delete " + key.onDelete());
			}
		}
		return new SchemaCatalog(items);
	}

	private static int position(TableShapes.TableShape table, String column) {
		return table.columns()
			.stream()
			.filter((each) -> each.name().equals(column))
			.mapToInt(TableShapes.Column::primaryKeyPosition)
			.findFirst()
			.orElse(0);
	}

}
