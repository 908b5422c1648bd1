package com.speeddata.scoring.events;

/** The EventStore contract on the reference store. */
class InMemoryEventStoreTest extends EventStoreContract {
    @Override
    protected EventStore newStore() {
        return new InMemoryEventStore();
    }
}
