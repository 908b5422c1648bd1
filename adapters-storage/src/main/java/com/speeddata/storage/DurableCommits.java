package com.speeddata.storage;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * H2's data source for everything a client is told is stored (ingested samples, a queued job, stored events): a
 * {@link Connection#commit()} returns only once the database file holds the transaction, as PostgreSQL's does.
 *
 * <p>Why: H2 keeps commits in memory and writes them to its file about once a second, so a kill -9 or a power cut
 * forgets the last second of them: a job answered 202 could be gone after a restart (seen in the kill -9 test).
 * After each commit this runs {@code CHECKPOINT SYNC} (write and fsync). Commits that arrive while a checkpoint runs
 * share the next one (group commit), so many small writes cost a few file writes, not one each. Writes that are not
 * promises (the job workers' bookkeeping) use the plain pool, {@link Database#workerDataSource()}, and a crash can
 * make them be redone, as on PostgreSQL. A write in auto-commit mode is not covered: promises use transactions.
 */
final class DurableCommits implements DataSource {
    private final DataSource pool;
    /** Commits seen so far, and how many of them the last finished checkpoint covers (guarded by {@code this}). */
    private final AtomicLong commits = new AtomicLong();
    private long checkpointed;

    DurableCommits(DataSource pool) {
        this.pool = pool;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return durable(pool.getConnection());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return durable(pool.getConnection(user, password));
    }

    private Connection durable(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(connection, args);
                        if (method.getName().equals("commit") && method.getParameterCount() == 0) {
                            awaitCheckpoint(connection);
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Returns once a checkpoint that started after this connection's commit has finished. */
    private void awaitCheckpoint(Connection committed) throws SQLException {
        long mine = commits.incrementAndGet();
        synchronized (this) {
            if (checkpointed >= mine) {
                return; // another commit's checkpoint started after ours and wrote it too
            }
            long upTo = commits.get();
            try (Statement checkpoint = committed.createStatement()) {
                checkpoint.execute("CHECKPOINT SYNC");
            }
            checkpointed = upTo;
        }
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return pool.isWrapperFor(type);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }
}
