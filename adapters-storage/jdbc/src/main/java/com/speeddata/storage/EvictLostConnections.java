package com.speeddata.storage;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * Tells HikariCP to drop a connection whenever {@link ConnectionLoss} calls its failure a lost database, and then
 * to retire every other connection of the pool too (a soft eviction: idle ones are closed now, busy ones when they
 * come back), so the next caller gets a fresh connection rather than another one the server already closed.
 * HikariCP knows PostgreSQL's states by itself but drops only the connection that failed, and it does not know H2's
 * "database is closed" (90098) at all: without this an embedded database that closed itself on a full disk would
 * stay closed behind the pooled connections for good, though a new connection reopens it.
 */
final class EvictLostConnections implements SQLExceptionOverride {
    private volatile HikariDataSource pool;

    /** The pool this override serves; set once the pool exists. */
    void bind(HikariDataSource pool) {
        this.pool = pool;
    }

    @java.lang.Override
    public SQLExceptionOverride.Override adjudicate(SQLException failure) {
        if (!ConnectionLoss.isUnavailable(failure)) {
            return SQLExceptionOverride.Override.CONTINUE_EVICT;
        }
        // Every time, not once per outage: the pool's connections made since may already be lost too (a second
        // restart); retiring a few healthy ones costs a reconnect each.
        HikariDataSource bound = pool;
        if (bound != null && bound.getHikariPoolMXBean() != null) {
            bound.getHikariPoolMXBean().softEvictConnections();
        }
        return SQLExceptionOverride.Override.MUST_EVICT;
    }
}
