package com.speeddata.storage.jobs;

import com.speeddata.jobs.JobStore;
import com.speeddata.jobs.JobStoreContract;
import com.speeddata.storage.OnEachDatabase;
import com.speeddata.storage.TestDatabase;

/** The JobStore contract on H2 and PostgreSQL, with multi-user mode's fair claims. */
@OnEachDatabase
class JdbcJobStoreTest extends JobStoreContract {
    private final TestDatabase database;

    JdbcJobStoreTest(TestDatabase database) {
        this.database = database;
    }

    @Override
    protected JobStore newStore() {
        database.clear();
        return new JdbcJobStore(database.database());
    }
}
