package com.speeddata.storage.access;

import com.speeddata.jobs.access.RateLimits;
import com.speeddata.jobs.access.RateLimitsContract;
import com.speeddata.storage.Database;
import com.speeddata.storage.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The RateLimits contract on PostgreSQL; the second instance is a second Database (its own pools) on the schema. */
class PostgresRateLimitsTest extends RateLimitsContract {
    private static TestDatabase database;
    private static Database otherInstance;

    @BeforeAll
    static void open() {
        database = TestDatabase.postgres();
        otherInstance = Database.open(database.url(), null);
    }

    @AfterAll
    static void close() {
        otherInstance.close();
        database.close();
    }

    @Override
    protected RateLimits newLimits() {
        database.clear();
        return new PostgresRateLimits(database.database());
    }

    @Override
    protected RateLimits secondInstance(RateLimits first) {
        return new PostgresRateLimits(otherInstance);
    }
}
