package com.speeddata.storage.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * Inserts many rows with multi-row {@code INSERT ... VALUES (...), (...)} statements of up to
 * {@link #ROWS_PER_STATEMENT} rows, and counts the rows inserted.
 *
 * <p>Why not {@code addBatch}: with {@code reWriteBatchedInserts} (see {@code Dialect}) the PostgreSQL driver
 * reports every batched row as {@code SUCCESS_NO_INFO}, so a batch cannot tell how many rows
 * {@code ON CONFLICT DO NOTHING} skipped. One multi-row statement is what that driver option sends anyway, and its
 * update count is exact on both databases, also when a later row of the same statement repeats an earlier key.
 */
final class MultiRowInsert<T> {
    /** Rows per statement: few round trips, and far below PostgreSQL's 65,535 parameters per statement. */
    static final int ROWS_PER_STATEMENT = 1_000;

    /** Binds one row's values from {@code first} on. */
    @FunctionalInterface
    interface Binder<T> {
        void bind(PreparedStatement statement, int first, T row) throws SQLException;
    }

    private final String head;
    private final String tail;
    private final int columns;
    private final Binder<T> binder;
    private final String fullStatement;

    /**
     * @param head    {@code INSERT INTO table (a, b, c) VALUES}
     * @param columns how many values a row has
     * @param tail    what follows the rows ({@code ON CONFLICT DO NOTHING}), or empty
     */
    MultiRowInsert(String head, int columns, String tail, Binder<T> binder) {
        this.head = head;
        this.tail = tail;
        this.columns = columns;
        this.binder = binder;
        this.fullStatement = sql(ROWS_PER_STATEMENT);
    }

    /** Inserts the rows in the connection's transaction; returns how many were inserted. */
    int insert(Connection connection, List<T> rows) throws SQLException {
        int inserted = 0;
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            List<T> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
            String sql = chunk.size() == ROWS_PER_STATEMENT ? fullStatement : sql(chunk.size());
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int index = 1;
                for (T row : chunk) {
                    binder.bind(statement, index, row);
                    index += columns;
                }
                inserted += statement.executeUpdate();
            }
        }
        return inserted;
    }

    private String sql(int rows) {
        String row = "(" + String.join(", ", Collections.nCopies(columns, "?")) + ")";
        return head + " " + String.join(", ", Collections.nCopies(rows, row)) + (tail.isEmpty() ? "" : " " + tail);
    }
}
