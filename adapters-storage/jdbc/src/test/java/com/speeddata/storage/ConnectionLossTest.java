package com.speeddata.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class ConnectionLossTest {
    @Test
    void lost_connections_and_shutdowns_are_unavailable_by_sqlstate() {
        for (String state : new String[] {"08006", "08001", "08003", "57P01", "57P02", "57P03", "53300", "90098"}) {
            assertTrue(ConnectionLoss.isUnavailable(new SQLException("x", state)), state);
        }
    }

    @Test
    void statement_errors_are_not_unavailable() {
        for (String state : new String[] {"23505", "42P01", "22003", "HY000", "40001"}) {
            assertFalse(ConnectionLoss.isUnavailable(new SQLException("x", state)), state);
        }
        assertFalse(ConnectionLoss.isUnavailable(new SQLException("no state")));
    }

    @Test
    void a_state_is_found_in_the_causes_and_the_next_exceptions() {
        SQLException batch = new SQLException("batch entry failed", "22000");
        batch.setNextException(new SQLException("terminated", "57P01"));
        assertTrue(ConnectionLoss.isUnavailable(batch));
        assertTrue(ConnectionLoss.isUnavailable(new RuntimeException(new SQLException("x", "08006"))));
    }

    @Test
    void only_connect_failures_mean_the_database_is_down() {
        assertTrue(ConnectionLoss.isDown(
                new SQLTransientConnectionException("pool timeout", "08001", new SQLException("refused", "08001"))));
        assertTrue(ConnectionLoss.isDown(new SQLException("starting up", "57P03")));
        assertFalse(
                ConnectionLoss.isDown(new SQLTransientConnectionException("pool exhausted")),
                "a busy pool is not a database that is down");
        assertFalse(ConnectionLoss.isDown(new SQLException("terminated", "57P01")));
    }

    @Test
    void store_exception_of_an_unavailable_database_is_typed_and_keeps_the_sqlstate_for_the_http_adapter() {
        StoreException e = StoreException.of("listing events", new SQLException("terminated", "57P01"));
        assertInstanceOf(DatabaseUnavailableException.class, e);
        assertEquals("57P01", e.sqlState());
        assertInstanceOf(
                SQLTransientConnectionException.class, e.getCause(), "the JDK type the HTTP adapter maps to 503");
        assertFalse(StoreException.of("x", new SQLException("dup", "23505")) instanceof DatabaseUnavailableException);
    }

    @Test
    void a_full_disk_is_unavailable_on_both_databases() {
        assertTrue(ConnectionLoss.isUnavailable(new SQLException("could not extend file", "53100")), "PostgreSQL");
        SQLException h2 = new SQLException(
                "General error",
                "HY000",
                new IllegalStateException(
                        "Writing to file failed", new java.io.IOException("No space left on device")));
        assertTrue(ConnectionLoss.isUnavailable(h2), "H2 wraps the JDK's IOException");
        assertFalse(ConnectionLoss.isUnavailable(
                new SQLException("General error", "HY000", new java.io.IOException("Permission denied"))));
    }
}
