package com.speeddata.storage;

import java.sql.SQLException;

/**
 * Root of every failure the storage adapters report: the database could not be reached, a statement failed, the
 * schema could not be migrated. Adapters translate {@link SQLException} into this at their edge, so no JDBC type
 * leaks into the cores; {@link #of} answers an unavailable database ({@link ConnectionLoss}) with the subclass
 * {@link DatabaseUnavailableException}. The message never carries SQL text or credentials; the cause does, for the logs.
 */
public class StoreException extends RuntimeException {
    private final String sqlState;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
        this.sqlState = cause instanceof SQLException sql ? sql.getSQLState() : null;
    }

    /** Translates a failed JDBC call made while doing {@code what} ("writing samples of ch1/v"). */
    public static StoreException of(String what, SQLException cause) {
        if (ConnectionLoss.isUnavailable(cause)) {
            return new DatabaseUnavailableException(
                    "database unavailable while " + what + " (SQLState " + cause.getSQLState() + ")", cause);
        }
        return new StoreException("database error while " + what + " (SQLState " + cause.getSQLState() + ")", cause);
    }

    /** The five-character SQLState of the underlying failure, or null when it did not come from JDBC. */
    public String sqlState() {
        return sqlState;
    }
}
