package com.speeddata.storage.pivot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.pivot.catalog.SignalDefinition;
import com.speeddata.pivot.catalog.SignalKey;
import com.speeddata.pivot.sample.SampleBlock;
import com.speeddata.storage.StoreException;
import com.speeddata.storage.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SQLException never leaves the adapters: it becomes a StoreException that names the work, not the SQL. */
class FailureTranslationTest {
    private static final SignalKey KEY = new SignalKey("ch1", "voltage");

    @Test
    void a_failing_statement_becomes_a_store_exception_without_sql_text() throws SQLException {
        try (TestDatabase db = TestDatabase.h2()) {
            JdbcCatalog catalog = new JdbcCatalog(db.dataSource(), "local");
            JdbcSampleStore store = new JdbcSampleStore(db.dataSource(), "local");
            catalog.define(new SignalDefinition(KEY, "V", 1.0, ""));
            try (Connection c = db.dataSource().getConnection();
                    Statement s = c.createStatement()) {
                s.execute("DROP TABLE sample_chunk");
            }
            StoreException e = assertThrows(
                    StoreException.class,
                    () -> store.write(
                            KEY,
                            List.of(new SampleBlock(new long[] {1}, new double[] {2}))
                                    .iterator()));
            assertTrue(
                    e.getMessage().startsWith("database error while writing samples of ch1/voltage"), e.getMessage());
            assertFalse(e.getMessage().toLowerCase().contains("select"), e.getMessage());
            assertEquals("42S02", e.sqlState(), "H2's table-not-found");
            assertInstanceOf(SQLException.class, e.getCause());
        }
    }

    @Test
    void a_closed_database_is_unreachable_and_fails_with_store_exceptions() {
        TestDatabase db = TestDatabase.h2();
        JdbcCatalog catalog = new JdbcCatalog(db.dataSource(), "local");
        JdbcSampleStore store = new JdbcSampleStore(db.dataSource(), "local");
        assertTrue(db.database().isReachable());
        db.close();

        assertFalse(db.database().isReachable());
        assertThrows(StoreException.class, () -> catalog.find(KEY));
        assertThrows(StoreException.class, () -> store.count(KEY, 0, 1));
        assertThrows(StoreException.class, () -> store.read(KEY, 0, 1));
    }
}
