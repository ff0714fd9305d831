package io.github.webuimigrations.database;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * Connection settings of an open-webui database. Each property can also be set with the
 * environment variable open-webui reads (named in its description), which wins over
 * {@code application.yml} as any environment variable does.
 *
 * @author webui-migrations
 */
@ConfigurationProperties("webui.database")
public class DatabaseProperties {

	/**
	 * Database URL as open-webui writes it (DATABASE_URL): sqlite:///relative.db,
	 * sqlite:////absolute.db, sqlite+sqlcipher:///path.db, postgresql://user:pass@host:5432/db
	 * (also postgres:// and postgresql+psycopg2://). Defaults to sqlite:///{data-dir}/webui.db.
	 */
	private String url;

	/**
	 * Database type (DATABASE_TYPE), used with user, password, host, port and name to compose
	 * the URL when all of them are set; "sqlite+sqlcipher" alone selects an encrypted
	 * {data-dir}/webui.db.
	 */
	private String type;

	/**
	 * Database user (DATABASE_USER), for the composed URL.
	 */
	private String user;

	/**
	 * Database password (DATABASE_PASSWORD): the password of the composed URL, and the
	 * SQLCipher key of a sqlite+sqlcipher:// database. Never logged.
	 */
	private String password;

	/**
	 * Database host (DATABASE_HOST), for the composed URL.
	 */
	private String host;

	/**
	 * Database port (DATABASE_PORT), for the composed URL.
	 */
	private String port;

	/**
	 * Database name (DATABASE_NAME), for the composed URL.
	 */
	private String name;

	/**
	 * PostgreSQL schema (DATABASE_SCHEMA). Unlike upstream, the migrations honour it: the
	 * schema is created if missing and every table and bookkeeping table lives in it.
	 * Ignored for SQLite.
	 */
	private String schema;

	/**
	 * Directory of the default SQLite database (DATA_DIR).
	 */
	private Path dataDir = Path.of("data");

	private final Pool pool = new Pool();

	private final Sqlite sqlite = new Sqlite();

	public String getUrl() {
		return this.url;
	}

	public void setUrl(String url) {
		this.url = url;
	}

	public String getType() {
		return this.type;
	}

	public void setType(String type) {
		this.type = type;
	}

	public String getUser() {
		return this.user;
	}

	public void setUser(String user) {
		this.user = user;
	}

	public String getPassword() {
		return this.password;
	}

	public void setPassword(String password) {
		this.password = password;
	}

	public String getHost() {
		return this.host;
	}

	public void setHost(String host) {
		this.host = host;
	}

	public String getPort() {
		return this.port;
	}

	public void setPort(String port) {
		this.port = port;
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getSchema() {
		return this.schema;
	}

	public void setSchema(String schema) {
		this.schema = schema;
	}

	public Path getDataDir() {
		return this.dataDir;
	}

	public void setDataDir(Path dataDir) {
		this.dataDir = dataDir;
	}

	public Pool getPool() {
		return this.pool;
	}

	public Sqlite getSqlite() {
		return this.sqlite;
	}

	/**
	 * Connection pool, with SQLAlchemy's meaning (see the README for the HikariCP mapping).
	 */
	public static class Pool {

		/**
		 * Pooled connections kept open (DATABASE_POOL_SIZE). Unset: SQLAlchemy's default pool
		 * (5 + 10 overflow, no recycling). 0 or less: no pool, a new connection each time.
		 */
		private Integer size;

		/**
		 * Connections allowed above the pool size, closed again when idle
		 * (DATABASE_POOL_MAX_OVERFLOW). Applies only when the pool size is set above 0.
		 */
		private int maxOverflow = 0;

		/**
		 * How long to wait for a free connection (DATABASE_POOL_TIMEOUT, seconds). Applies only
		 * when the pool size is set above 0.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration timeout = Duration.ofSeconds(30);

		/**
		 * Age after which a connection is replaced (DATABASE_POOL_RECYCLE, seconds; negative:
		 * never). Applies only when the pool size is set above 0.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration recycle = Duration.ofSeconds(3600);

		public Integer getSize() {
			return this.size;
		}

		public void setSize(Integer size) {
			this.size = size;
		}

		public int getMaxOverflow() {
			return this.maxOverflow;
		}

		public void setMaxOverflow(int maxOverflow) {
			this.maxOverflow = maxOverflow;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Duration getRecycle() {
			return this.recycle;
		}

		public void setRecycle(Duration recycle) {
			this.recycle = recycle;
		}

	}

	/**
	 * PRAGMAs run on every new SQLite connection, in this order; an empty value skips its
	 * PRAGMA, as upstream does.
	 */
	public static class Sqlite {

		/**
		 * Write-ahead logging (DATABASE_ENABLE_SQLITE_WAL): journal_mode=WAL, else DELETE.
		 */
		private boolean wal = true;

		/**
		 * PRAGMA synchronous (DATABASE_SQLITE_PRAGMA_SYNCHRONOUS).
		 */
		private String synchronous = "NORMAL";

		/**
		 * PRAGMA busy_timeout in milliseconds (DATABASE_SQLITE_PRAGMA_BUSY_TIMEOUT).
		 */
		private String busyTimeout = "5000";

		/**
		 * PRAGMA cache_size, negative for KiB (DATABASE_SQLITE_PRAGMA_CACHE_SIZE).
		 */
		private String cacheSize = "-65536";

		/**
		 * PRAGMA temp_store (DATABASE_SQLITE_PRAGMA_TEMP_STORE).
		 */
		private String tempStore = "MEMORY";

		/**
		 * PRAGMA mmap_size in bytes (DATABASE_SQLITE_PRAGMA_MMAP_SIZE).
		 */
		private String mmapSize = "268435456";

		/**
		 * PRAGMA journal_size_limit in bytes (DATABASE_SQLITE_PRAGMA_JOURNAL_SIZE_LIMIT).
		 */
		private String journalSizeLimit = "67108864";

		/**
		 * SQLCipher file format of a sqlite+sqlcipher:// database
		 * (DATABASE_SQLCIPHER_COMPATIBILITY): 4, what open-webui wrote, or 3 for files made by
		 * SQLCipher 3 tools.
		 */
		private int sqlcipherCompatibility = 4;

		public boolean isWal() {
			return this.wal;
		}

		public void setWal(boolean wal) {
			this.wal = wal;
		}

		public String getSynchronous() {
			return this.synchronous;
		}

		public void setSynchronous(String synchronous) {
			this.synchronous = synchronous;
		}

		public String getBusyTimeout() {
			return this.busyTimeout;
		}

		public void setBusyTimeout(String busyTimeout) {
			this.busyTimeout = busyTimeout;
		}

		public String getCacheSize() {
			return this.cacheSize;
		}

		public void setCacheSize(String cacheSize) {
			this.cacheSize = cacheSize;
		}

		public String getTempStore() {
			return this.tempStore;
		}

		public void setTempStore(String tempStore) {
			this.tempStore = tempStore;
		}

		public String getMmapSize() {
			return this.mmapSize;
		}

		public void setMmapSize(String mmapSize) {
			this.mmapSize = mmapSize;
		}

		public String getJournalSizeLimit() {
			return this.journalSizeLimit;
		}

		public void setJournalSizeLimit(String journalSizeLimit) {
			this.journalSizeLimit = journalSizeLimit;
		}

		public int getSqlcipherCompatibility() {
			return this.sqlcipherCompatibility;
		}

		public void setSqlcipherCompatibility(int sqlcipherCompatibility) {
			this.sqlcipherCompatibility = sqlcipherCompatibility;
		}

	}

}
