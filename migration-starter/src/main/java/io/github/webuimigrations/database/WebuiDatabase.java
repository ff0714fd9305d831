package io.github.webuimigrations.database;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * The open-webui database the migrations work on: a data source and, on PostgreSQL, the
 * schema its tables live in ({@code DATABASE_SCHEMA}). Every connection the migrations open
 * comes from here, set to that schema.
 *
 * @param dataSource the data source
 * @param schema the PostgreSQL schema, or {@code null} for the connection's own
 * @author webui-migrations
 */
public record WebuiDatabase(DataSource dataSource, String schema) {

	public WebuiDatabase {
		schema = (schema == null || schema.isBlank()) ? null : schema;
	}

	/**
	 * The database in the connection's own schema.
	 * @param dataSource the data source
	 * @return the database
	 */
	public static WebuiDatabase of(DataSource dataSource) {
		return new WebuiDatabase(dataSource, null);
	}

	/**
	 * Open a connection, in the schema on PostgreSQL.
	 * @return the connection; the caller closes it
	 * @throws SQLException if it cannot be opened
	 */
	public Connection connect() throws SQLException {
		Connection connection = this.dataSource.getConnection();
		if (this.schema != null && Dialect.of(connection) == Dialect.POSTGRESQL) {
			try {
				connection.setSchema(this.schema);
			}
			catch (SQLException ex) {
				connection.close();
				throw ex;
			}
		}
		return connection;
	}

}
