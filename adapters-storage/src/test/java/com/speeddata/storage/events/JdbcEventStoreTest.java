package com.speeddata.storage.events;

import com.speeddata.scoring.events.EventStore;
import com.speeddata.scoring.events.EventStoreContract;
import com.speeddata.storage.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The EventStore contract on H2. */
class H2EventStoreTest extends EventStoreContract {
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
    protected EventStore newStore() {
        database.clear();
        return new JdbcEventStore(database.database());
    }
}
