package com.speeddata.storage.access;

import com.speeddata.jobs.access.ApiKeyStore;
import com.speeddata.jobs.access.ApiKeyStoreContract;
import com.speeddata.storage.OnEachDatabase;
import com.speeddata.storage.TestDatabase;

/** The ApiKeyStore contract on H2 and PostgreSQL. */
@OnEachDatabase
class JdbcApiKeyStoreTest extends ApiKeyStoreContract {
    private final TestDatabase database;

    JdbcApiKeyStoreTest(TestDatabase database) {
        this.database = database;
    }

    @Override
    protected ApiKeyStore newStore() {
        database.clear();
        return new JdbcApiKeyStore(database.dataSource());
    }
}
