package com.speeddata.jobs.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongBinaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link RateLimits} must do; run against the in-memory buckets and the PostgreSQL table. */
public abstract class RateLimitsContract {
    protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final RatePolicy TWO_A_SECOND = new RatePolicy("export", 2, 4);

    private RateLimits limits;

    /** Buckets with nothing taken yet. */
    protected abstract RateLimits newLimits();

    /**
     * The same buckets as {@code first}, seen from another instance (its own connection pool); the in-memory
     * buckets are one process's, so they are their own second instance.
     */
    protected RateLimits secondInstance(RateLimits first) {
        return first;
    }

    @BeforeEach
    void setUp() {
        limits = newLimits();
    }

    private RateDecision take(String tenant, Instant at) {
        return limits.take(tenant, TWO_A_SECOND, at);
    }

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    @Test
    void a_new_bucket_allows_its_burst_at_once_then_refuses_saying_how_long_to_wait() {
        for (int i = 3; i >= 0; i--) {
            RateDecision allowed = take("acme", T0);
            assertTrue(allowed.allowed());
            assertEquals(i, allowed.remaining(), 1e-9);
        }
        RateDecision refused = take("acme", T0);
        assertFalse(refused.allowed());
        assertEquals(0, refused.remaining(), 1e-9);
        assertEquals(Duration.ofMillis(500), refused.untilNextToken(), "one token at 2 a second");
        assertEquals(Duration.ofSeconds(2), refused.untilFull(), "four tokens at 2 a second");
        assertEquals(TWO_A_SECOND, refused.policy());
    }

    @Test
    void the_bucket_refills_at_the_rate_and_never_beyond_the_burst() {
        drain("acme", T0);
        RateDecision half = take("acme", at(250));
        assertFalse(half.allowed(), "half a token is not a token");
        assertEquals(0.5, half.remaining(), 1e-9);
        assertEquals(Duration.ofMillis(250), half.untilNextToken());
        RateDecision one = take("acme", at(500));
        assertTrue(one.allowed());
        assertEquals(0, one.remaining(), 1e-9);
        RateDecision later = take("acme", at(60_000));
        assertTrue(later.allowed());
        assertEquals(3, later.remaining(), 1e-9, "a minute idle fills the bucket, no more");
        assertEquals(Duration.ofMillis(500), later.untilFull());
    }

    @Test
    void a_refused_request_takes_nothing() {
        drain("acme", T0);
        for (int i = 0; i < 20; i++) {
            assertFalse(take("acme", at(10 * i)).allowed());
        }
        assertTrue(take("acme", at(500)).allowed(), "the token of the first half second is still there");
        assertFalse(take("acme", at(500)).allowed());
    }

    @Test
    void buckets_are_per_tenant_and_per_policy_name() {
        drain("acme", T0);
        assertTrue(take("globex", T0).allowed(), "another tenant");
        assertEquals(3, take("acme2", T0).remaining(), 1e-9, "a tenant whose name starts alike");
        RateDecision score = limits.take("acme", new RatePolicy("score", 5, 10), T0);
        assertTrue(score.allowed(), "another policy of the same tenant");
        assertEquals(9, score.remaining(), 1e-9);
        assertFalse(take("acme", T0).allowed(), "the first bucket is still empty");
    }

    @Test
    void a_clock_stepping_back_credits_nothing_and_the_same_seconds_are_not_credited_twice() {
        drain("acme", T0);
        RateDecision back = take("acme", at(-10_000));
        assertFalse(back.allowed());
        assertEquals(0, back.remaining(), 1e-9);
        assertFalse(take("acme", at(0)).allowed(), "back where it was: nothing has elapsed");
        assertFalse(take("acme", at(499)).allowed());
        assertTrue(take("acme", at(500)).allowed());
    }

    @Test
    void the_policy_of_each_take_applies_and_a_smaller_burst_clamps_the_tokens() {
        RatePolicy pro = new RatePolicy("score", 5, 10);
        limits.take("acme", pro, T0);
        limits.take("acme", pro, T0);
        RatePolicy smaller = new RatePolicy("score", 1, 4);
        RateDecision clamped = limits.take("acme", smaller, T0);
        assertTrue(clamped.allowed());
        assertEquals(3, clamped.remaining(), 1e-9, "8 tokens clamped to the new burst of 4, one taken");
        RatePolicy faster = new RatePolicy("score", 50, 100);
        assertEquals(
                3 + 50 * 0.1 - 1, limits.take("acme", faster, at(100)).remaining(), 1e-9, "refilled at the new rate");
    }

    @Test
    void sub_second_instants_count_to_the_microsecond() {
        drain("acme", T0);
        assertFalse(take("acme", T0.plusNanos(499_999_999)).allowed());
        assertTrue(take("acme", T0.plusNanos(500_000_000)).allowed());
    }

    @Test
    void a_name_that_is_not_a_tenant_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> take(" ", T0));
        assertThrows(IllegalArgumentException.class, () -> take("x".repeat(64), T0));
        assertThrows(IllegalArgumentException.class, () -> take("Acme", T0));
        assertThrows(IllegalArgumentException.class, () -> take("naïve 'tenant'; DROP TABLE--", T0));
        assertTrue(take("x".repeat(63), T0).allowed());
    }

    /**
     * Two instances, four threads each, take from one bucket as fast as they can for a second and a half, on the
     * real clock: together they never pass more than the burst plus the rate times the time that went by.
     */
    @Test
    void concurrent_takers_on_two_instances_never_exceed_the_burst_plus_the_rate() throws Exception {
        RatePolicy policy = new RatePolicy("score", 200, 20);
        List<RateLimits> instances = List.of(limits, secondInstance(limits));
        AtomicLong first = new AtomicLong(Long.MAX_VALUE);
        AtomicLong last = new AtomicLong(Long.MIN_VALUE);
        long stopAt = System.nanoTime() + Duration.ofMillis(1_500).toNanos();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<long[]>> counts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                RateLimits instance = instances.get(i % 2);
                counts.add(threads.submit(() -> {
                    long allowed = 0;
                    long calls = 0;
                    while (System.nanoTime() < stopAt) {
                        Instant now = Instant.now();
                        first.accumulateAndGet(TokenBucket.micros(now), (LongBinaryOperator) Math::min);
                        last.accumulateAndGet(TokenBucket.micros(now), (LongBinaryOperator) Math::max);
                        if (instance.take("acme", policy, now).allowed()) {
                            allowed++;
                        }
                        calls++;
                    }
                    return new long[] {allowed, calls};
                }));
            }
            long allowed = 0;
            long calls = 0;
            for (Future<long[]> count : counts) {
                allowed += count.get()[0];
                calls += count.get()[1];
            }
            double seconds = (last.get() - first.get()) / 1e6;
            double bound = policy.burst() + policy.perSecond() * seconds;
            assertTrue(
                    allowed <= Math.floor(bound + 1e-9),
                    allowed + " passed of " + calls + " in " + seconds + " s; at most " + bound + " may");
            assertTrue(allowed >= policy.burst(), "the first burst passes: " + allowed);
            assertTrue(calls > allowed, "the takers asked for more than passed: " + calls);
        } finally {
            threads.shutdownNow();
        }
    }

    private void drain(String tenant, Instant at) {
        while (take(tenant, at).allowed()) {
            // take the whole burst
        }
    }
}
