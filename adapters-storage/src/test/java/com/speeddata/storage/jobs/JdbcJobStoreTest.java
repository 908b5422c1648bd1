package com.speeddata.storage.jobs;

import com.speeddata.jobs.JobStore;
import com.speeddata.jobs.JobStoreContract;
import com.speeddata.storage.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The JobStore contract on H2. */
class H2JobStoreTest extends JobStoreContract {
    private static TestDatabase database;

    @BeforeAll
    static void open() {
        database = TestDatabase.h2();
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Override
    protected JobStore newStore() {
        database.clear();
        return new JdbcJobStore(database.database());
    }
}
