package com.speeddata.jobs.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FailOpenRateLimitsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final RatePolicy POLICY = new RatePolicy("score", 1, 2);

    /** Shared buckets that fail while told to, and count the takes that reached them. */
    private static final class FlakyStore implements RateLimits {
        private final RateLimits buckets = new InMemoryRateLimits();
        private final AtomicInteger reached = new AtomicInteger();
        private volatile boolean down;

        @Override
        public RateDecision take(String tenant, RatePolicy policy, Instant now) {
            reached.incrementAndGet();
            if (down) {
                throw new IllegalStateException("database error while taking a rate token (SQLState 08006)");
            }
            return buckets.take(tenant, policy, now);
        }
    }

    private final FlakyStore shared = new FlakyStore();
    private final FailOpenRateLimits limits =
            new FailOpenRateLimits(shared, new InMemoryRateLimits(), Duration.ofSeconds(1));

    @Test
    void while_the_shared_store_answers_its_decisions_are_returned() {
        assertTrue(limits.take("acme", POLICY, T0).allowed());
        assertTrue(limits.take("acme", POLICY, T0).allowed());
        assertFalse(limits.take("acme", POLICY, T0).allowed());
        assertEquals(3, shared.reached.get());
    }

    @Test
    void a_failing_store_falls_back_to_this_instances_buckets_which_still_limit() {
        shared.down = true;
        assertTrue(limits.take("acme", POLICY, T0).allowed(), "no 500, no 503: the local bucket decides");
        assertTrue(limits.take("acme", POLICY, T0).allowed());
        assertFalse(limits.take("acme", POLICY, T0).allowed(), "the local bucket has the policy's burst");
        assertTrue(limits.degraded(T0));
    }

    @Test
    void after_a_failure_the_store_is_left_alone_for_the_pause_then_tried_again() {
        shared.down = true;
        limits.take("acme", POLICY, T0);
        for (int i = 0; i < 100; i++) {
            limits.take("acme", POLICY, T0.plusMillis(9 * i));
        }
        assertEquals(1, shared.reached.get(), "requests within the pause do not wait on a dead store");
        shared.down = false;
        assertTrue(limits.take("acme", POLICY, T0.plusSeconds(1)).allowed());
        assertEquals(2, shared.reached.get());
        assertFalse(limits.degraded(T0.plusSeconds(1)));
    }

    @Test
    void a_bad_tenant_is_the_callers_error_not_a_store_failure() {
        assertThrows(IllegalArgumentException.class, () -> limits.take("", POLICY, T0));
        assertEquals(0, shared.reached.get());
    }
}
