package com.speeddata.pivot.contract;

import com.speeddata.pivot.testing.InMemoryStore;

/** The catalog contract against the in-memory reference. */
class InMemoryCatalogTest extends CatalogContract {
    @Override
    protected Stores newStores() {
        InMemoryStore store = new InMemoryStore();
        return new Stores(store, store);
    }
}
