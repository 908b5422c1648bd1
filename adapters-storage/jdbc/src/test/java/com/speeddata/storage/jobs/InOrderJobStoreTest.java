package com.speeddata.storage.jobs;

import com.speeddata.jobs.JobStore;
import com.speeddata.jobs.JobStoreContract;
import com.speeddata.storage.OnEachDatabase;
import com.speeddata.storage.TestDatabase;

/** The JobStore contract on H2 and PostgreSQL with single-user mode's in-order claims. */
@OnEachDatabase
class InOrderJobStoreTest extends JobStoreContract {
    private final TestDatabase database;

    InOrderJobStoreTest(TestDatabase database) {
        this.database = database;
    }

    @Override
    protected JobStore newStore() {
        database.clear();
        return new JdbcJobStore(database.database(), JdbcJobStore.ClaimOrder.IN_ORDER);
    }

    @Override
    protected boolean ranksTenants() {
        return false;
    }
}
