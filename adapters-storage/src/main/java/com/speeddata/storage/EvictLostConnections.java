package com.speeddata.storage;

import com.zaxxer.hikari.SQLExceptionOverride;

import java.sql.SQLException;

/**
 * Tells HikariCP to drop a connection whenever {@link ConnectionLoss} calls its failure a lost database, so the next
 * caller gets a fresh one. HikariCP knows PostgreSQL's states by itself, but not H2's "database is closed" (90098):
 * without this an embedded database that closed itself on a full disk would stay closed behind the pooled
 * connections for good, though a new connection reopens it. Instantiated by HikariCP by its class name.
 */
public final class EvictLostConnections implements SQLExceptionOverride {
    @java.lang.Override
    public SQLExceptionOverride.Override adjudicate(SQLException failure) {
        return ConnectionLoss.isUnavailable(failure) ? SQLExceptionOverride.Override.MUST_EVICT
                : SQLExceptionOverride.Override.CONTINUE_EVICT;
    }
}
