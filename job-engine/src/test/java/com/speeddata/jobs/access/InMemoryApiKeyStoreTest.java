package com.speeddata.jobs.access;

/** The ApiKeyStore contract in memory. */
class InMemoryApiKeyStoreTest extends ApiKeyStoreContract {
    @Override
    protected ApiKeyStore newStore() {
        return new InMemoryApiKeyStore();
    }
}
