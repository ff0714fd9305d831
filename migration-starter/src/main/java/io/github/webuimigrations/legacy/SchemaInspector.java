package io.github.webuimigrations.legacy;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Existence checks on the connection's current schema.
 *
 * @author webui-migrations
 */
public final class SchemaInspector {

	private SchemaInspector() {
	}

	/**
	 * Whether a table exists in the connection's current schema.
	 * @param connection a connection
	 * @param table the table name, as created
	 * @return whether it exists
	 * @throws SQLException on a database error
	 */
	public static boolean tableExists(Connection connection, String table) throws SQLException {
		DatabaseMetaData metaData = connection.getMetaData();
		String schema = connection.getSchema();
		try (ResultSet tables = metaData.getTables(null, schema, table, new String[] { "TABLE" })) {
			while (tables.next()) {
				if (tables.getString("TABLE_NAME").equals(table)) {
					return true;
				}
			}
		}
		return false;
	}

}
