package com.speeddata.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool, with a circuit breaker in front: once opening a connection failed because the database is down
 * ({@link ConnectionLoss#isDown}: refused, restarting), callers fail at once instead of each waiting out the pool's
 * {@link Database#CONNECTION_TIMEOUT_MS}, and one background thread probes the pool until a connection can be had
 * again. So while PostgreSQL is down a request is answered 503 in milliseconds, not after 5 s, and the pool is not
 * hammered by every caller. The first caller to find the database down still waits for the pool's timeout.
 */
final class FailFastConnections extends DelegatingDataSource {
    /** Pause between probes while the database is down. */
    static final long PROBE_INTERVAL_MS = 250;

    private static final Logger LOG = LoggerFactory.getLogger(FailFastConnections.class);

    private final String name;
    /** The failure that opened the circuit; null while connections are handed out normally. */
    private volatile SQLException down;

    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile boolean closed;

    FailFastConnections(DataSource pool, String name) {
        super(pool);
        this.name = name;
    }

    /** True while the database is known to be down (the circuit is open). */
    boolean isDown() {
        return down != null;
    }

    @Override
    public Connection getConnection() throws SQLException {
        SQLException failure = down;
        if (failure != null) {
            throw new SQLTransientConnectionException(
                    "the database was unreachable moments ago; not waiting for it", failure.getSQLState(), failure);
        }
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            if (ConnectionLoss.isDown(e)) {
                open(e);
            }
            throw e;
        }
    }

    private void open(SQLException failure) {
        down = failure;
        if (!closed && probing.compareAndSet(false, true)) {
            LOG.warn(
                    "{}: the database is unreachable ({}); failing fast until a probe connects",
                    name,
                    DatabaseUrl.mask(failure.toString()));
            Thread prober = new Thread(this::probeUntilReachable, name + "-probe");
            prober.setDaemon(true);
            prober.start();
        }
    }

    /** Background loop: catches everything, so it ends only when a connection was had or the pool closed. */
    private void probeUntilReachable() {
        try {
            while (!closed) {
                Thread.sleep(PROBE_INTERVAL_MS);
                try (Connection connection = pool.getConnection()) {
                    down = null;
                    LOG.info("{}: the database is reachable again", name);
                    return;
                } catch (SQLException | RuntimeException e) {
                    if (closed) {
                        return;
                    }
                    LOG.debug("{}: probe failed", name, e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            probing.set(false);
            if (down != null && !closed) {
                open(down); // a failure raced the probe's success: keep probing
            }
        }
    }

    /** Stops probing; the pool is closed by its owner. */
    void close() {
        closed = true;
    }
}
