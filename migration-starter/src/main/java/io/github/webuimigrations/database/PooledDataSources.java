package io.github.webuimigrations.database;

import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Builds the application's {@link DataSource} with SQLAlchemy's pool semantics mapped onto
 * HikariCP (the mapping is documented in the README).
 *
 * @author webui-migrations
 */
public final class PooledDataSources {

	/** HikariCP's smallest idle timeout: overflow connections close as soon as it allows. */
	private static final Duration OVERFLOW_IDLE = Duration.ofSeconds(10);

	/** HikariCP's smallest maximum lifetime. */
	private static final Duration SHORTEST_LIFETIME = Duration.ofSeconds(30);

	private PooledDataSources() {
	}

	/**
	 * The data source for the settings: a HikariCP pool, or the bare factory when the pool
	 * size is 0 or less (upstream's {@code NullPool}).
	 * @param properties the settings
	 * @param target where the settings point
	 * @return a data source that has not connected yet
	 */
	public static DataSource create(DatabaseProperties properties, ConnectionTarget target) {
		ConnectionFactory factory = new ConnectionFactory(target, properties.getSqlite());
		DatabaseProperties.Pool pool = properties.getPool();
		if (pool.getSize() != null && pool.getSize() <= 0) {
			return factory;
		}
		HikariConfig config = new HikariConfig();
		config.setPoolName("webui");
		config.setDataSource(factory);
		config.setIdleTimeout(OVERFLOW_IDLE.toMillis());
		// a one-pass chat rewrite on SQLite may take the file for itself (PoolSuspension)
		config.setAllowPoolSuspension(true);
		if (pool.getSize() == null) {
			// SQLAlchemy's default QueuePool: 5 kept, 10 overflow, 30 s wait, never recycled
			config.setMinimumIdle(5);
			config.setMaximumPoolSize(15);
			config.setConnectionTimeout(Duration.ofSeconds(30).toMillis());
			config.setMaxLifetime(0);
		}
		else {
			if (pool.getMaxOverflow() < 0) {
				throw new DatabaseSettingsException(target.names().of("DATABASE_POOL_MAX_OVERFLOW") + " " + pool.getMaxOverflow()
						+ " (unbounded) has no HikariCP equivalent: give the number of extra connections allowed");
			}
			config.setMinimumIdle(pool.getSize());
			config.setMaximumPoolSize(pool.getSize() + pool.getMaxOverflow());
			config.setConnectionTimeout(Math.max(pool.getTimeout().toMillis(), 250));
			Duration recycle = pool.getRecycle();
			config.setMaxLifetime(recycle.isNegative() || recycle.isZero() ? 0
					: Math.max(recycle.toMillis(), SHORTEST_LIFETIME.toMillis()));
		}
		// started on first use, not here: two connections creating a new SQLCipher file at once pick different salts
		HikariDataSource dataSource = new HikariDataSource();
		config.copyStateTo(dataSource);
		return dataSource;
	}

}
