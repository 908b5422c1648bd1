package com.speeddata.storage.access;

import com.speeddata.jobs.access.ApiKeyStore;
import com.speeddata.jobs.access.ApiKeyStoreContract;
import com.speeddata.storage.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The ApiKeyStore contract on H2. */
class H2ApiKeyStoreTest extends ApiKeyStoreContract {
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
    protected ApiKeyStore newStore() {
        database.clear();
        return new JdbcApiKeyStore(database.dataSource());
    }
}
