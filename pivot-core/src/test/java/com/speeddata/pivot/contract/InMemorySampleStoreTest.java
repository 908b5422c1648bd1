package com.speeddata.pivot.contract;

import com.speeddata.pivot.testing.InMemoryStore;

/** The sample store contract against the in-memory reference, with small cursor blocks to exercise their edges. */
class InMemorySampleStoreTest extends SampleStoreContract {
    @Override
    protected Stores newStores() {
        InMemoryStore store = new InMemoryStore(97);
        return new Stores(store, store);
    }
}
