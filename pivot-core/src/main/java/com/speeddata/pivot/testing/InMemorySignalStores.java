package com.speeddata.pivot.testing;

import com.speeddata.pivot.catalog.Catalog;
import com.speeddata.pivot.catalog.SignalStores;
import com.speeddata.pivot.sample.SampleStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One {@link InMemoryStore} per tenant. */
public final class InMemorySignalStores implements SignalStores {
    private final Map<String, InMemoryStore> tenants = new ConcurrentHashMap<>();
    private final int blockSize;

    public InMemorySignalStores() {
        this(InMemoryStore.DEFAULT_BLOCK_SIZE);
    }

    public InMemorySignalStores(int blockSize) {
        this.blockSize = blockSize;
    }

    private InMemoryStore of(String tenant) {
        return tenants.computeIfAbsent(tenant, t -> new InMemoryStore(blockSize));
    }

    @Override
    public Catalog catalog(String tenant) {
        return of(tenant);
    }

    @Override
    public SampleStore samples(String tenant) {
        return of(tenant);
    }
}
