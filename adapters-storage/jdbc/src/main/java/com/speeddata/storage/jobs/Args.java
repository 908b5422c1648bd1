package com.speeddata.storage.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * The values of a statement's {@code ?} placeholders, added in the order the SQL text names them, so that SQL and
 * values are written side by side and nobody counts positions. Instants are stored as UTC timestamps.
 */
final class Args {
    private final List<Object> values;

    Args() {
        values = new ArrayList<>();
    }

    private Args(int size) {
        values = new ArrayList<>(size);
    }

    /** The values, in the order of the placeholders. */
    static Args of(Object... values) {
        Args args = new Args(values.length);
        for (Object value : values) {
            args.add(value);
        }
        return args;
    }

    Args add(Object value) {
        values.add(value instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : value);
        return this;
    }

    /** Every value of the collection, for an {@code IN (...)} written by {@link #placeholders}. */
    Args addAll(Collection<?> all) {
        all.forEach(this::add);
        return this;
    }

    /** The other's values after these: for a statement built from parts. */
    Args and(Args other) {
        values.addAll(other.values);
        return this;
    }

    /** {@code ?, ?, ?}: one placeholder per value, for {@code IN (...)}. */
    static String placeholders(Collection<?> all) {
        return String.join(", ", Collections.nCopies(all.size(), "?"));
    }

    PreparedStatement bind(PreparedStatement statement) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            statement.setObject(i + 1, values.get(i));
        }
        return statement;
    }

    /** Runs {@code sql}, a change, with these values: how many rows it changed. */
    int update(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = bind(connection.prepareStatement(sql))) {
            return statement.executeUpdate();
        }
    }
}
