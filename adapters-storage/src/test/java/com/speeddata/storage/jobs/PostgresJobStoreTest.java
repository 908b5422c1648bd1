package com.speeddata.storage.jobs;

import com.speeddata.jobs.JobStore;
import com.speeddata.jobs.JobStoreContract;
import com.speeddata.storage.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The JobStore contract on Postgres. */
class PostgresJobStoreTest extends JobStoreContract {
    private static TestDatabase database;

    @BeforeAll
    static void open() {
        database = TestDatabase.postgres();
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Override
    protected JobStore newStore() {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM job");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new JdbcJobStore(database.database());
    }
}
