package com.speeddata.storage.events;

import com.speeddata.scoring.events.EventStore;
import com.speeddata.scoring.events.EventStoreContract;
import com.speeddata.storage.OnEachDatabase;
import com.speeddata.storage.TestDatabase;

/** The EventStore contract on H2 and PostgreSQL. */
@OnEachDatabase
class JdbcEventStoreTest extends EventStoreContract {
    private final TestDatabase database;

    JdbcEventStoreTest(TestDatabase database) {
        this.database = database;
    }

    @Override
    protected EventStore newStore() {
        database.clear();
        return new JdbcEventStore(database.database());
    }
}
