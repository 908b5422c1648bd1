package com.speeddata.storage.pivot;

import com.speeddata.pivot.contract.CatalogContract;
import com.speeddata.pivot.contract.Stores;
import com.speeddata.storage.OnEachDatabase;
import com.speeddata.storage.TestDatabase;

/** The catalog contract on H2 and PostgreSQL. */
@OnEachDatabase
class JdbcCatalogTest extends CatalogContract {
    private final TestDatabase db;

    JdbcCatalogTest(TestDatabase db) {
        this.db = db;
    }

    @Override
    protected Stores newStores() {
        db.clear();
        return new Stores(new JdbcSignalStores(db.dataSource()));
    }
}
