package com.speeddata.jobs.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The cache keeps the contract (it runs it on in-memory buckets) and spares the store the refusals it knows. */
class EmptyBucketCacheTest extends RateLimitsContract {
    private static final RatePolicy POLICY = new RatePolicy("score", 2, 2);

    /** In-memory buckets that count the takes reaching them. */
    private static final class CountingStore implements RateLimits {
        private final RateLimits buckets = new InMemoryRateLimits();
        private final AtomicInteger reached = new AtomicInteger();

        @Override
        public RateDecision take(String tenant, RatePolicy policy, Instant now) {
            reached.incrementAndGet();
            return buckets.take(tenant, policy, now);
        }
    }

    @Override
    protected RateLimits newLimits() {
        return new EmptyBucketCache(new InMemoryRateLimits());
    }

    @Test
    void refusals_before_the_next_token_are_answered_here_with_what_the_store_would_say() {
        CountingStore store = new CountingStore();
        RateLimits cached = new EmptyBucketCache(store);
        RateLimits uncached = new InMemoryRateLimits();
        for (int ms = 0; ms <= 1_000; ms += 10) {
            RateDecision expected = uncached.take("acme", POLICY, T0.plusMillis(ms));
            RateDecision got = cached.take("acme", POLICY, T0.plusMillis(ms));
            assertEquals(expected.allowed(), got.allowed(), "at " + ms + " ms");
            assertEquals(expected.remaining(), got.remaining(), 1e-9, "at " + ms + " ms");
            assertEquals(
                    expected.untilNextToken().toNanos(), got.untilNextToken().toNanos(), 1_000, "at " + ms);
        }
        // the burst of 2 at 0 ms, then a token at 500 and 1000 ms: 4 takes pass; after each empty take (0, 510 ms)
        // the cache answers until the next token is due
        assertEquals(4 + 2, store.reached.get(), "101 takes, of which the store answered only these");
    }

    @Test
    void a_take_under_another_policy_asks_the_store() {
        CountingStore store = new CountingStore();
        RateLimits cached = new EmptyBucketCache(store);
        cached.take("acme", POLICY, T0);
        cached.take("acme", POLICY, T0);
        assertFalse(cached.take("acme", POLICY, T0).allowed());
        assertFalse(cached.take("acme", POLICY, T0).allowed());
        assertEquals(3, store.reached.get());
        RateDecision upgraded = cached.take("acme", new RatePolicy("score", 50, 100), T0);
        assertEquals(4, store.reached.get(), "upgraded: the store is asked");
        assertFalse(upgraded.allowed(), "the bucket is still empty; it refills at the new rate");
        assertEquals(20, upgraded.untilNextToken().toMillis());
    }
}
