package com.speeddata.storage.pivot;

import com.speeddata.pivot.catalog.Catalog;
import com.speeddata.pivot.catalog.SignalStores;
import com.speeddata.pivot.contract.SampleStoreContract;
import com.speeddata.pivot.contract.Stores;
import com.speeddata.pivot.sample.SampleStore;
import com.speeddata.storage.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The sample store contract against H2 with chunks of 7 samples: the same scenarios then cross hundreds of chunk
 * edges, page edges and merge-run edges.
 */
class H2SmallChunkSampleStoreTest extends SampleStoreContract {
    private static final int CHUNK = 7;
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
    protected int chunkSamples() {
        return CHUNK;
    }

    @Override
    protected Stores newStores() {
        db.clear();
        return new Stores(new SignalStores() {
            @Override
            public Catalog catalog(String tenant) {
                return new JdbcCatalog(db.dataSource(), tenant);
            }

            @Override
            public SampleStore samples(String tenant) {
                return new JdbcSampleStore(db.dataSource(), tenant, CHUNK);
            }
        });
    }
}
