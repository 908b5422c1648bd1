package com.speeddata.storage;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * H2's data source for everything a client is told is stored (ingested samples, a queued job, stored events): a
 * {@link Connection#commit()} returns only once the database file holds the transaction, as PostgreSQL's does.
 *
 * <p>Why: H2 keeps commits in memory and writes them to its file about once a second, so a kill -9 or a power cut
 * forgets the last second of them: a job answered 202 could be gone after a restart (seen in the kill -9 test).
 * After each commit of a transaction that changed something ({@code TRANSACTION_ID()} is not null) this runs
 * {@code CHECKPOINT SYNC} (write, then fsync, which covers a power cut as far as the disk honours it). Commits that
 * arrive while a checkpoint runs share the next one (group commit), so many small writes cost a few file writes,
 * not one each; read-only transactions cost nothing. Writes that are not promises (claims, lease renewals) use the
 * plain pool, {@link Database#workerDataSource()}, and a crash can make them be redone, as on PostgreSQL.
 *
 * <p>Limits: a write in auto-commit mode is not covered (promises use transactions); neither is a commit made
 * through {@code Statement.getConnection()}. If the checkpoint itself fails (a disk error), {@code commit()} throws
 * although the transaction is committed: the client gets an error for data that may well be stored, which the
 * API's writes tolerate on retry (samples replace by timestamp, jobs and events carry ids).
 */
final class DurableCommits extends DelegatingDataSource {
    /** Commits seen so far, and how many of them the last finished checkpoint covers (guarded by {@code this}). */
    private final AtomicLong commits = new AtomicLong();

    private long checkpointed;
    /** Checkpoints run so far (guarded by {@code this}). */
    private long checkpoints;

    DurableCommits(DataSource pool) {
        super(pool);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return durable(pool.getConnection());
    }

    private Connection durable(Connection connection) {
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "equals":
                            return proxy == args[0];
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "unwrap":
                            if (((Class<?>) args[0]).isInstance(proxy)) {
                                return proxy; // unwrap(Connection.class) must not hand out the connection without us
                            }
                            break;
                        case "commit":
                            if (method.getParameterCount() == 0) {
                                boolean wrote = hasChanges(connection);
                                connection.commit();
                                if (wrote) {
                                    awaitCheckpoint(connection);
                                }
                                return null;
                            }
                            break;
                        default:
                            break;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** H2's id of the open transaction: null until it changes something. */
    private static boolean hasChanges(Connection connection) throws SQLException {
        try (Statement query = connection.createStatement();
                java.sql.ResultSet row = query.executeQuery("SELECT TRANSACTION_ID()")) {
            return row.next() && row.getObject(1) != null;
        }
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
            checkpoints++;
        }
    }

    /** How many checkpoints ran: fewer than the commits that wrote, when commits shared them. */
    synchronized long checkpoints() {
        return checkpoints;
    }
}
