package io.github.webuimigrations.autoconfigure;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.BeanUtils;

import io.github.webuimigrations.database.ConnectionTarget;
import io.github.webuimigrations.database.ConnectionTargets;
import io.github.webuimigrations.database.DatabaseProperties;
import io.github.webuimigrations.database.PooledDataSources;
import io.github.webuimigrations.database.SettingNames;

/**
 * The migrations' own connections, when {@code webui.migrations.database-url} gives them a
 * database URL of their own (as {@code spring.flyway.url} does for Flyway): the application keeps
 * its data source, through a transaction pooler say, and the migrations reach the server. Not a
 * {@link DataSource} bean, so the application's stays the only one. A small pool, closed with
 * the context.
 *
 * @author webui-migrations
 */
public final class MigrationDataSource implements AutoCloseable {

	private static final String SETTING = "webui.migrations.database-url";

	private final DataSource dataSource;

	private final ConnectionTarget target;

	private MigrationDataSource(DataSource dataSource, ConnectionTarget target) {
		this.dataSource = dataSource;
		this.target = target;
	}

	/**
	 * Resolve the migrations' URL with the application's other database settings.
	 * @param url the migrations' database URL
	 * @param application the application's database settings (password, schema, SQLite)
	 * @param names how the application's settings are named in messages
	 * @return the migrations' data source, not connected yet
	 */
	static MigrationDataSource create(String url, DatabaseProperties application, SettingNames names) {
		DatabaseProperties own = new DatabaseProperties();
		own.setUrl(url);
		own.setPassword(application.getPassword());
		own.setSchema(application.getSchema());
		BeanUtils.copyProperties(application.getSqlite(), own.getSqlite());
		// the lock's session, a migration's and a check's: a few, closed when idle
		own.getPool().setSize(1);
		own.getPool().setMaxOverflow(3);
		own.getPool().setTimeout(application.getPool().getTimeout());
		ConnectionTarget target = ConnectionTargets.resolve(own,
				(variable) -> variable.equals("DATABASE_URL") ? SETTING : names.of(variable));
		return new MigrationDataSource(PooledDataSources.create(own, target), target);
	}

	public DataSource getDataSource() {
		return this.dataSource;
	}

	public ConnectionTarget getTarget() {
		return this.target;
	}

	@Override
	public void close() {
		if (this.dataSource instanceof HikariDataSource pool) {
			pool.close();
		}
	}

}
