package com.speeddata.storage.events;

import com.speeddata.scoring.events.EventId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * How event ids go into statements. A set of them, in one place: one {@code uuid} array parameter compared with
 * {@code = ANY(?)}. The same rule holds on both databases: PostgreSQL and H2 2.3 both turn it into primary-key
 * lookups, and one parameter keeps the statement text (and the server's prepared plan) the same whatever the
 * number of ids, where an {@code IN (?, ?, ...)} list would need chunking and a new statement per size.
 */
final class EventIds {
    /** Follows a column: {@code "id" + EventIds.ANY}. */
    static final String ANY = " = ANY(?)";

    /**
     * Follows an id column of a table with an {@code owner} column: the owner's rows with these ids. Bound by
     * {@link #bindOwned}: the ids, then the owner. The owner is written {@code (owner = ?) IS TRUE} on purpose: the
     * keys are {@code (id, owner, ...)}, and H2 2.3, offered {@code id IN (...) AND owner = ?} as one index
     * condition, walked far more of the index than the ids need (1,000 ids of 100,000 rows: 0.66 s instead of
     * 0.03 s). Kept out of the index condition, the owner is checked on the one row each id finds. PostgreSQL
     * finds the same rows either way.
     */
    static final String OWNED_ANY = " = ANY(?) AND (owner = ?) IS TRUE";

    private EventIds() {}

    /** Those of the ids that are stored as the owner's events (primary-key lookups). */
    static Set<UUID> stored(Connection connection, String owner, Collection<EventId> ids) throws SQLException {
        Set<UUID> found = new HashSet<>();
        try (PreparedStatement select =
                connection.prepareStatement("SELECT id FROM sentiment_event WHERE id" + OWNED_ANY)) {
            bindOwned(connection, select, 1, owner, ids);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getObject(1, UUID.class));
                }
            }
        }
        return found;
    }

    /** Binds what {@link #OWNED_ANY} asks for from {@code index} on; returns the next index. */
    static int bindOwned(
            Connection connection, PreparedStatement statement, int index, String owner, Collection<EventId> ids)
            throws SQLException {
        bind(connection, statement, index, ids);
        statement.setString(index + 1, owner);
        return index + 2;
    }

    static void bind(Connection connection, PreparedStatement statement, int index, Collection<EventId> ids)
            throws SQLException {
        Object[] values = ids.stream().map(EventId::value).distinct().toArray();
        statement.setArray(index, connection.createArrayOf("uuid", values));
    }
}
