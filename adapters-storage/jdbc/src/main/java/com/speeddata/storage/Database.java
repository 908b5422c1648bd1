package com.speeddata.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's one database: a connection pool over PostgreSQL or the embedded H2, with the schema migrated.
 *
 * <p>Why H2 for the embedded case: it is pure Java (one jar, no native library, unlike SQLite's JNI driver or an
 * embedded PostgreSQL binary that would have to be downloaded), its MVStore keeps a file that survives crashes, it
 * has MVCC with row locks (so concurrent writers of different signals do not block each other, unlike SQLite's one
 * writer per file), and its PostgreSQL mode lets the adapters share their SQL with the PostgreSQL deployment.
 * Derby and HSQLDB would work too, but neither has that PostgreSQL dialect; DuckDB is native code.
 *
 * <p>Close it last in the server's shutdown, after HTTP and job workers stopped: closing the pool closes the
 * embedded database (H2 closes a database with its last connection) and flushes it to disk.
 */
public final class Database implements AutoCloseable {
    /** Connections: a few more than 2 × cores, because an ingest request holds one while its body streams in. */
    public static final int POOL_SIZE = 8;
    /** How long a caller (and {@link #isReachable()}) waits for a connection before failing. */
    public static final long CONNECTION_TIMEOUT_MS = 5_000;
    /** How long {@link #isReachable()} lets the database answer. */
    public static final int VALIDATION_TIMEOUT_S = 2;
    /** How long {@link #isReachable()} waits in all (connection and query), inside {@code /ready}'s 2 s. */
    public static final long READY_TIMEOUT_MS = 1_500;
    /** The readiness query: reads a table, so a database that closed itself (full disk) fails it. */
    private static final String READY_QUERY = "SELECT 1 FROM flyway_schema_history LIMIT 1";

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final Dialect dialect;
    private final HikariDataSource pool;
    private final HikariDataSource workerPool;
    /** The pools behind their circuit breakers: fail fast while the database is known to be down. */
    private final FailFastConnections connections;

    private final FailFastConnections workerConnections;
    /** What adapters write through: the pool, or on H2 the pool with {@link DurableCommits}. */
    private final DataSource dataSource;

    private final Readiness readiness;

    private Database(Dialect dialect, HikariDataSource pool, HikariDataSource workerPool) {
        this.dialect = dialect;
        this.pool = pool;
        this.workerPool = workerPool;
        this.connections = new FailFastConnections(pool, pool.getPoolName());
        this.workerConnections =
                workerPool == pool ? connections : new FailFastConnections(workerPool, workerPool.getPoolName());
        this.dataSource = dialect == Dialect.H2 ? new DurableCommits(connections) : connections;
        this.readiness = new Readiness(this::answersQuery, READY_TIMEOUT_MS);
    }

    /**
     * Opens the database and migrates its schema.
     *
     * @param databaseUrl null or blank for the embedded H2 under {@code dataDir}; else a PostgreSQL URL
     *                    ({@link DatabaseUrl#EXAMPLES})
     * @param dataDir     where the embedded database lives; created when missing; unused for PostgreSQL
     * @throws IllegalArgumentException when the URL is not understood
     * @throws StoreException           when the database cannot be reached or migrated
     */
    public static Database open(String databaseUrl, Path dataDir) {
        DatabaseUrl url;
        if (databaseUrl == null || databaseUrl.isBlank()) {
            Objects.requireNonNull(dataDir, "dataDir");
            createDirectories(dataDir);
            url = DatabaseUrl.embedded(dataDir);
        } else {
            url = DatabaseUrl.parse(databaseUrl)
                    .orElseThrow(() -> new IllegalArgumentException(DatabaseUrl.describeUnrecognized(databaseUrl)));
        }
        return open(url);
    }

    /** Opens the database at {@code url} and migrates its schema. */
    public static Database open(DatabaseUrl url) {
        tryConnecting(url);
        HikariDataSource pool;
        try {
            pool = pool(poolConfig(url));
        } catch (RuntimeException e) {
            // Hikari's PoolInitializationException: the database became unreachable since tryConnecting.
            throw cannotConnect(url, e);
        }
        HikariDataSource workerPool = pool;
        try {
            migrate(url.dialect(), pool);
            if (url.dialect() == Dialect.POSTGRESQL) {
                workerPool = pool(workerPoolConfig(url));
            }
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        LOG.info("Opened {} database {}", url.dialect().vendor(), url.redacted());
        return new Database(url.dialect(), pool, workerPool);
    }

    /**
     * One connection straight from the driver before the pool exists, so that a refused login fails the start with
     * our message (password masked) instead of HikariCP logging the driver's own text: PostgreSQL echoes a user
     * named {@code app;password=x} (from a URL written with {@code ;} for {@code &}) verbatim.
     */
    private static void tryConnecting(DatabaseUrl url) {
        java.util.Properties properties = new java.util.Properties();
        if (url.user() != null) {
            properties.setProperty("user", url.user());
        }
        if (url.password() != null) {
            properties.setProperty("password", url.password());
        }
        try (Connection connection = java.sql.DriverManager.getConnection(url.jdbcUrl(), properties)) {
            LOG.debug("{} database {} answers", url.dialect().vendor(), url.redacted());
        } catch (SQLException e) {
            throw cannotConnect(url, e);
        }
    }

    /** The failure, with every password masked and without the driver's exception (whose text may hold one). */
    private static StoreException cannotConnect(DatabaseUrl url, Exception cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new StoreException(
                "cannot connect to the " + url.dialect().vendor() + " database " + url.redacted() + ": "
                        + DatabaseUrl.mask(root.getMessage()),
                null);
    }

    /** A pool whose lost connections are all retired at once ({@link EvictLostConnections}). */
    private static HikariDataSource pool(HikariConfig config) {
        EvictLostConnections evict = new EvictLostConnections();
        config.setExceptionOverride(evict);
        HikariDataSource pool = new HikariDataSource(config);
        evict.bind(pool);
        return pool;
    }

    private static HikariConfig poolConfig(DatabaseUrl url) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("speeddata-" + url.dialect().vendor());
        config.setJdbcUrl(url.jdbcUrl());
        if (url.user() != null) {
            config.setUsername(url.user());
        }
        if (url.password() != null) {
            config.setPassword(url.password());
        }
        config.setMaximumPoolSize(POOL_SIZE);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        config.setValidationTimeout(VALIDATION_TIMEOUT_S * 1000L);
        url.dialect().configure(config);
        return config;
    }

    /**
     * PostgreSQL's pool for job workers: its sessions commit without waiting for the WAL flush. Set per session,
     * not per transaction, so that a claim or a completion stays one round trip.
     */
    private static HikariConfig workerPoolConfig(DatabaseUrl url) {
        HikariConfig config = poolConfig(url);
        config.setPoolName("speeddata-" + url.dialect().vendor() + "-workers");
        config.setMinimumIdle(2);
        config.setConnectionInitSql("SET synchronous_commit TO OFF");
        return config;
    }

    private static void migrate(Dialect dialect, DataSource dataSource) {
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations(dialect.migrationLocation())
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StoreException("cannot migrate the " + dialect.vendor() + " schema", e);
        }
    }

    private static void createDirectories(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StoreException("cannot create the data directory " + dataDir, e);
        }
    }

    /**
     * True when a connection can be had and a query reading a table answers, all within {@link #READY_TIMEOUT_MS};
     * false at once while the database is known to be down. For {@code /ready}.
     */
    public boolean isReachable() {
        return !connections.isDown() && readiness.check();
    }

    private boolean answersQuery() {
        try (Connection connection = connections.getConnection();
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(VALIDATION_TIMEOUT_S);
            try (ResultSet rows = statement.executeQuery(READY_QUERY)) {
                return rows.next();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Database not reachable", e);
            return false;
        }
    }

    /**
     * Connections for requests. A commit returns once the transaction is on disk (PostgreSQL's default; on H2
     * {@link DurableCommits}), so what a client is told is stored survives a crash.
     */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Connections for the job workers' own bookkeeping (claims, lease renewals, retries). On PostgreSQL they
     * commit without waiting for the WAL flush ({@code synchronous_commit = off}): should the database crash within
     * the flush delay (a fraction of a second), such a change is lost and the job simply runs again, which every
     * handler tolerates. Nothing a client may have seen goes through them: the changes that end a job commit
     * durably, through {@link #dataSource()}. H2 has one pool: this is that pool
     * without {@link DurableCommits}.
     */
    public DataSource workerDataSource() {
        return workerConnections;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** {@code h2} or {@code postgresql}. */
    public String vendor() {
        return dialect.vendor();
    }

    @Override
    public void close() {
        connections.close();
        workerConnections.close();
        readiness.close();
        if (workerPool != pool) {
            workerPool.close();
        }
        pool.close();
    }
}
