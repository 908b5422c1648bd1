package com.speeddata.storage.events;

import com.speeddata.storage.TestDatabase;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Test helper: empties the event tables, scores first. */
final class EventTables {
    private EventTables() {
    }

    static void clear(TestDatabase database) {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM sentiment_score");
            s.executeUpdate("DELETE FROM sentiment_event");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
