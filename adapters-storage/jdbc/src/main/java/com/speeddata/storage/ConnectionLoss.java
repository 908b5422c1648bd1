package com.speeddata.storage;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * The one place that decides whether a failed JDBC call means "the database is unavailable" (retry shortly) rather
 * than "this statement is wrong": the connection broke, the server shut down or restarted, it refused a new
 * session, or the embedded database closed itself (a full disk). Judged by SQLState, walking the causes and the
 * chained {@link SQLException#getNextException() next exceptions}, as HikariCP does to evict a broken connection.
 */
public final class ConnectionLoss {
    /**
     * PostgreSQL: 57P01 admin_shutdown (a restart or {@code pg_terminate_backend}), 57P02 crash_shutdown, 57P03
     * cannot_connect_now (starting up, shutting down), 53300 too_many_connections, 53100 disk_full. H2: 90098 the
     * database is closed (after a full disk or an out-of-memory error it closes itself), 90121 closed at JVM
     * shutdown. Any class 08 (connection exception) state counts too.
     */
    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "53300", "53100", "90098", "90121");
    /** How the JDK words ENOSPC in an IOException: the embedded database's file could not grow. */
    private static final String NO_SPACE = "No space left on device";
    /** States under which no new connection can be had at all (the server is down or starting): see {@link #isDown}. */
    private static final Set<String> DOWN_STATES = Set.of("57P03");

    private ConnectionLoss() {}

    /** True when {@code failure} (or a cause of it) says the database is unavailable, not that the SQL was wrong. */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException) {
                return true; // HikariCP's "connection is not available, request timed out"
            }
            if (cause instanceof SQLException sql && anyState(sql, ConnectionLoss::unavailableState)) {
                return true;
            }
            if (cause instanceof java.io.IOException io
                    && String.valueOf(io.getMessage()).contains(NO_SPACE)) {
                return true; // H2 reports its full disk as a general error (HY000) around this
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /**
     * True when a failure to <em>open</em> a connection says the server cannot be reached now (refused, not
     * started): later connection attempts would fail too, so callers may fail fast for a while. A pool that is only
     * exhausted (a timeout with no cause) is not "down".
     */
    static boolean isDown(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql
                    && anyState(sql, state -> state.startsWith("08") || DOWN_STATES.contains(state))) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static boolean unavailableState(String state) {
        return state.startsWith("08") || STATES.contains(state);
    }

    private static boolean anyState(SQLException failure, java.util.function.Predicate<String> test) {
        int guard = 0;
        for (SQLException e = failure; e != null && guard < 16; e = e.getNextException(), guard++) {
            if (e.getSQLState() != null && test.test(e.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
