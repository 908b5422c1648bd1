package com.speeddata.storage.pivot;

import com.speeddata.pivot.contract.SampleStoreContract;
import com.speeddata.pivot.contract.Stores;
import com.speeddata.storage.OnEachDatabase;
import com.speeddata.storage.TestDatabase;

/** The sample store contract on H2 and PostgreSQL, at the real chunk size. */
@OnEachDatabase
class JdbcSampleStoreTest extends SampleStoreContract {
    private final TestDatabase db;

    JdbcSampleStoreTest(TestDatabase db) {
        this.db = db;
    }

    @Override
    protected Stores newStores() {
        db.clear();
        return new Stores(new JdbcSignalStores(db.dataSource()));
    }
}
