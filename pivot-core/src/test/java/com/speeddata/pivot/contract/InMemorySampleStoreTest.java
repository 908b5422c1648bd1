package com.speeddata.pivot.contract;

import com.speeddata.pivot.testing.InMemorySignalStores;

/** The sample store contract against the in-memory reference, with small cursor blocks to exercise their edges. */
class InMemorySampleStoreTest extends SampleStoreContract {
    @Override
    protected Stores newStores() {
        return new Stores(new InMemorySignalStores(97));
    }
}
