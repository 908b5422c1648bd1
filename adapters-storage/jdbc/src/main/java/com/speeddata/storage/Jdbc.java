package com.speeddata.storage;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The edge where JDBC meets the rest: borrows a pooled connection, runs some work, translates {@link SQLException}
 * into {@link StoreException}. Any other exception (the domain's, or one thrown by a caller's iterator) passes
 * through unchanged, after the transaction was rolled back.
 */
public final class Jdbc {
    private Jdbc() {}

    /** Work on a connection that may throw {@link SQLException}. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} on a connection in auto-commit mode. {@code what} names the work in error messages. */
    public static <T> T withConnection(DataSource dataSource, String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw StoreException.of(what, e);
        }
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws anything. */
    public static <T> T inTransaction(DataSource dataSource, String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return inTransaction(connection, work);
        } catch (SQLException e) {
            throw StoreException.of(what, e);
        }
    }

    /**
     * Runs {@code work} in one transaction on {@code connection}: committed when it returns, rolled back when it
     * throws anything (the first failure is the one thrown; a failed rollback is added to it), and the connection
     * left in auto-commit again.
     */
    public static <T> T inTransaction(Connection connection, Work<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            try {
                connection.rollback(); // on a broken connection this fails too: the first failure is the story
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the pool discards a broken connection; a failure above is the one to report
            }
        }
    }
}
