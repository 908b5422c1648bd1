package com.speeddata.storage.access;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.jobs.access.EmptyBucketCache;
import com.speeddata.jobs.access.InMemoryRateLimits;
import com.speeddata.jobs.access.RateLimits;
import com.speeddata.jobs.access.RatePolicy;
import com.speeddata.storage.Database;
import com.speeddata.storage.TestDatabase;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SharedRateLimitsTest {
    private static final RatePolicy POLICY = new RatePolicy("score", 1, 1);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void the_embedded_database_counts_in_memory() {
        try (TestDatabase h2 = TestDatabase.h2()) {
            assertInstanceOf(InMemoryRateLimits.class, SharedRateLimits.of(h2.database()));
            assertThrows(IllegalArgumentException.class, () -> new PostgresRateLimits(h2.database()));
        }
    }

    @Test
    void postgres_shares_its_table_and_a_closed_database_falls_back_instead_of_failing() {
        try (TestDatabase postgres = TestDatabase.postgres()) {
            Database instance = Database.open(postgres.url(), null);
            RateLimits limits = SharedRateLimits.of(instance);
            assertInstanceOf(EmptyBucketCache.class, limits);
            assertTrue(limits.take("acme", POLICY, T0).allowed());
            assertFalse(
                    new PostgresRateLimits(postgres.database())
                            .take("acme", POLICY, T0)
                            .allowed(),
                    "the token was taken in the shared table");
            instance.close(); // every connection of this instance fails from now on
            assertTrue(limits.take("acme", POLICY, T0).allowed(), "this instance's own bucket, full");
            assertFalse(limits.take("acme", POLICY, T0).allowed(), "which still limits");
        }
    }
}
