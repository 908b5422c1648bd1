package com.speeddata.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.pivot.catalog.SignalDefinition;
import com.speeddata.pivot.catalog.SignalKey;
import com.speeddata.pivot.sample.SampleBlock;
import com.speeddata.storage.pivot.JdbcCatalog;
import com.speeddata.storage.pivot.JdbcSampleStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    private static final SignalKey KEY = new SignalKey("ch1", "voltage");

    @Test
    void embedded_database_is_a_file_under_the_data_dir_and_keeps_data_across_reopen(@TempDir Path dir)
            throws SQLException {
        Path dataDir = dir.resolve("not/yet/there");
        List<String> migratedFirst;
        try (Database db = Database.open(null, dataDir)) {
            migratedFirst = migrations(db);
            assertEquals("h2", db.vendor());
            assertTrue(db.isReachable());
            new JdbcCatalog(db.dataSource(), "local").define(new SignalDefinition(KEY, "V", 10.0, ""));
            new JdbcSampleStore(db.dataSource(), "local")
                    .write(
                            KEY,
                            List.of(new SampleBlock(new long[] {1, 2}, new double[] {3, 4}))
                                    .iterator());
        }
        assertTrue(Files.exists(dataDir.resolve("speeddata.mv.db")));

        try (Database db = Database.open("  ", dataDir)) {
            assertEquals(
                    2,
                    new JdbcCatalog(db.dataSource(), "local")
                            .find(KEY)
                            .orElseThrow()
                            .stats()
                            .samples());
            assertEquals(migratedFirst, migrations(db), "reopening migrates nothing again");
            assertEquals(migratedFirst.stream().distinct().toList(), migratedFirst, "each migration ran once");
        }
    }

    @Test
    void postgres_schema_is_migrated_with_uncompressed_sample_columns() throws SQLException {
        try (TestDatabase test = TestDatabase.postgres()) {
            Database db = test.database();
            assertEquals("postgresql", db.vendor());
            assertTrue(db.isReachable());
            List<String> migrated = migrations(db);
            assertEquals("1", migrated.get(0));
            assertEquals(migrated.stream().distinct().toList(), migrated, "each migration ran once");
            try (Connection c = db.dataSource().getConnection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT attname, attstorage FROM pg_attribute"
                            + " WHERE attrelid = 'sample_chunk'::regclass AND attname IN ('times', 'vals')"
                            + " ORDER BY attname")) {
                List<String> storage = new ArrayList<>();
                while (rs.next()) {
                    storage.add(rs.getString(1) + "=" + rs.getString(2));
                }
                assertEquals(List.of("times=e", "vals=e"), storage, "STORAGE EXTERNAL");
            }
        }
    }

    @Test
    void postgres_job_workers_commit_without_waiting_for_the_wal_flush_and_everything_else_waits() throws SQLException {
        try (TestDatabase test = TestDatabase.postgres()) {
            assertEquals("off", synchronousCommit(test.database().workerDataSource()));
            assertEquals("on", synchronousCommit(test.database().dataSource()));
        }
    }

    private static String synchronousCommit(javax.sql.DataSource source) throws SQLException {
        try (Connection c = source.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW synchronous_commit")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void unreachable_postgres_fails_to_open_with_a_store_exception_hiding_the_password() {
        // Port 1 on the loopback: refused at once, nothing listens there.
        StoreException e = assertThrows(
                StoreException.class,
                () -> Database.open("postgres://app:hunter2@127.0.0.1:1/db?connectTimeout=2", null));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertTrue(e.getMessage().contains("postgresql"), e.getMessage());
    }

    @Test
    void refused_postgres_login_fails_to_open_without_the_password_postgresql_echoes() {
        // ';' where '&' belongs: the driver sends the user "postgres;password=hunter2", which PostgreSQL echoes.
        StoreException e = assertThrows(
                StoreException.class,
                () -> Database.open(TestDatabase.DEFAULT_POSTGRES_URL + ";password=hunter2", null));
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            assertFalse(String.valueOf(cause.getMessage()).contains("hunter2"), cause.toString());
        }
        assertTrue(e.getMessage().contains("password=****"), e.getMessage());
    }

    private static List<String> migrations(Database db) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT \"version\" FROM \"flyway_schema_history\""
                        + " WHERE \"success\" AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            List<String> versions = new ArrayList<>();
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
            return versions;
        }
    }
}
