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
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollback(connection, e);
                throw e;
            }
            // HikariCP restores auto-commit when the connection goes back to the pool.
        } catch (SQLException e) {
            throw StoreException.of(what, e);
        }
    }

    private static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
