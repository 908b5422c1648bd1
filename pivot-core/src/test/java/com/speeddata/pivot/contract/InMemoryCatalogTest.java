package com.speeddata.pivot.contract;

import com.speeddata.pivot.testing.InMemorySignalStores;

/** The catalog contract against the in-memory reference. */
class InMemoryCatalogTest extends CatalogContract {
    @Override
    protected Stores newStores() {
        return new Stores(new InMemorySignalStores());
    }
}
