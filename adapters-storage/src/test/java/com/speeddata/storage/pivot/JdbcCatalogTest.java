package com.speeddata.storage.pivot;

import com.speeddata.pivot.contract.CatalogContract;
import com.speeddata.pivot.contract.Stores;
import com.speeddata.storage.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The catalog contract against H2. */
class H2CatalogTest extends CatalogContract {
    private static TestDatabase db;

    @BeforeAll
    static void open() {
        db = TestDatabase.h2();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Override
    protected Stores newStores() {
        db.clear();
        return new Stores(new JdbcSignalStores(db.dataSource()));
    }
}
