package com.speeddata.storage;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * The database cannot be used right now (connection lost, server restarting, embedded database closed, pool
 * exhausted): nothing was changed, and the same call may well succeed shortly. {@link ConnectionLoss} decides.
 *
 * <p>Its cause is always a {@link SQLTransientConnectionException} carrying the original SQLState (and the
 * original failure as its own cause): that JDK type is how layers that must not know the storage adapter (the HTTP
 * adapter's problem mapping) recognise a retryable database failure.
 */
public final class DatabaseUnavailableException extends StoreException {
    DatabaseUnavailableException(String message, SQLException cause) {
        super(
                message,
                cause instanceof SQLTransientConnectionException transientCause
                        ? transientCause
                        : new SQLTransientConnectionException(message, cause.getSQLState(), cause));
    }
}
