package com.speeddata.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableCommitsTest {
    @Test
    void only_a_transaction_that_changed_something_waits_for_a_checkpoint(@TempDir Path dir) throws SQLException {
        try (Database db = Database.open(null, dir)) {
            DurableCommits durable = (DurableCommits) db.dataSource();
            long before = durable.checkpoints();
            try (Connection c = db.dataSource().getConnection();
                    Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.executeQuery("SELECT COUNT(*) FROM job").close();
                c.commit();
                assertEquals(before, durable.checkpoints(), "a read-only transaction");
                s.executeUpdate("UPDATE signal SET unit = 'V' WHERE channel = 'none'");
                c.commit();
                assertEquals(before, durable.checkpoints(), "an update that matched no row");
                s.executeUpdate("INSERT INTO signal (channel, name, unit, sample_rate_hz, description) "
                        + "VALUES ('c', 's', 'V', NULL, '')");
                c.commit();
                assertEquals(before + 1, durable.checkpoints(), "a write");
            }
        }
    }

    @Test
    void the_connection_behaves_as_one_object_and_does_not_unwrap_past_the_durability(@TempDir Path dir)
            throws SQLException {
        try (Database db = Database.open(null, dir);
                Connection c = db.dataSource().getConnection();
                Connection other = db.dataSource().getConnection()) {
            assertEquals(c, c);
            assertNotEquals(c, other);
            assertEquals(c.hashCode(), c.hashCode());
            assertSame(c, c.unwrap(Connection.class));
        }
    }
}
