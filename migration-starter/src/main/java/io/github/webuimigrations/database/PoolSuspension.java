package io.github.webuimigrations.database;

import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

/**
 * Holds a HikariCP pool's other connections off while one borrowed connection needs the
 * database to itself: new borrowers wait, idle connections are closed, and nothing is opened
 * until {@link #close()}. Any other data source is left as it is.
 *
 * @author webui-migrations
 */
public final class PoolSuspension implements AutoCloseable {

	private static final PoolSuspension NONE = new PoolSuspension(null);

	private final HikariPoolMXBean pool;

	private PoolSuspension(HikariPoolMXBean pool) {
		this.pool = pool;
	}

	/**
	 * Suspend the pool behind a data source and close its idle connections (the closing
	 * finishes on the pool's own thread, shortly after this returns).
	 * @param dataSource the data source
	 * @return the suspension, to close when the database can be shared again
	 */
	public static PoolSuspension suspend(DataSource dataSource) {
		HikariDataSource hikari = hikari(dataSource);
		if (hikari == null || !hikari.isAllowPoolSuspension() || !hikari.isRunning()
				|| hikari.getHikariPoolMXBean() == null) {
			return NONE;
		}
		HikariPoolMXBean pool = hikari.getHikariPoolMXBean();
		pool.suspendPool();
		pool.softEvictConnections();
		return new PoolSuspension(pool);
	}

	/**
	 * Whether a pool was suspended.
	 * @return {@code false} for a data source that is not a suspendable HikariCP pool
	 */
	public boolean suspended() {
		return this.pool != null;
	}

	@Override
	public void close() {
		if (this.pool != null) {
			this.pool.resumePool();
		}
	}

	private static HikariDataSource hikari(DataSource dataSource) {
		if (dataSource instanceof HikariDataSource hikari) {
			return hikari;
		}
		try {
			return dataSource.isWrapperFor(HikariDataSource.class) ? dataSource.unwrap(HikariDataSource.class) : null;
		}
		catch (SQLException ex) {
			return null;
		}
	}

}
