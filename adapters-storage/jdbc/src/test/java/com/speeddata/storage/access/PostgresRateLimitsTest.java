package com.speeddata.storage.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.jobs.access.RateLimits;
import com.speeddata.jobs.access.RateLimitsContract;
import com.speeddata.jobs.access.RatePolicy;
import com.speeddata.storage.Database;
import com.speeddata.storage.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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

    /**
     * Leased tokens left the shared bucket when they were taken: while one instance holds a lease the other is
     * refused sooner, and together they still pass exactly the burst.
     */
    @Test
    void tokens_leased_by_one_instance_come_out_of_the_bucket_both_share() {
        RatePolicy fast = new RatePolicy("score", 100, 100); // a lease of 10
        RateLimits first = newLimits();
        RateLimits second = secondInstance(first);
        assertTrue(first.take("acme", fast, T0).allowed());
        int passedOnSecond = 0;
        while (second.take("acme", fast, T0).allowed()) {
            passedOnSecond++;
        }
        assertEquals(89, passedOnSecond, "100 less the first's own token and its lease of 10");
        int passedOnFirst = 1;
        while (first.take("acme", fast, T0).allowed()) {
            passedOnFirst++;
        }
        assertEquals(11, passedOnFirst, "its token and the lease, spent with the bucket empty");
        assertFalse(second.take("acme", fast, T0).allowed());
    }
}
