package com.speeddata.jobs.access;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shared buckets while their store answers, this instance's own buckets while it does not: a failing database
 * never turns a request into a 500 or a 503 here.
 *
 * <p>Why fail open: a rate limit protects capacity and fairness, not data. Refusing every request while the
 * database blinks would stop routes that do not need it ({@code /v1/score} scores in memory), and routes that do
 * need it answer their own 503 anyway. Falling back to per-instance buckets (not to no limit) keeps each instance
 * within the policy, so N instances allow at most N times the rate until the store is back.
 *
 * <p>After a failure the shared store is left alone for {@link #DEFAULT_PAUSE} (callers do not each wait for a
 * connection timeout), then tried again. An outage is logged when it starts and when it ends, never per request.
 */
public final class FailOpenRateLimits implements RateLimits {
    public static final Duration DEFAULT_PAUSE = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(FailOpenRateLimits.class);

    private final RateLimits shared;
    private final RateLimits local;
    private final Duration pause;
    /** Until when the shared store is skipped; {@link Instant#MIN} while it answers. */
    private volatile Instant skipSharedUntil = Instant.MIN;
    /** Whether the last try of the shared store failed: logs the change, not every failure. */
    private final AtomicBoolean failing = new AtomicBoolean();

    public FailOpenRateLimits(RateLimits shared) {
        this(shared, new InMemoryRateLimits(), DEFAULT_PAUSE);
    }

    public FailOpenRateLimits(RateLimits shared, RateLimits local, Duration pause) {
        this.shared = Objects.requireNonNull(shared, "shared");
        this.local = Objects.requireNonNull(local, "local");
        this.pause = Objects.requireNonNull(pause, "pause");
        if (pause.isNegative()) {
            throw new IllegalArgumentException("pause must not be negative: " + pause);
        }
    }

    @Override
    public RateDecision take(String tenant, RatePolicy policy, Instant now) {
        BucketKey.of(tenant, policy); // a bad argument is the caller's error, not a store failure to fall back on
        if (now.isBefore(skipSharedUntil)) {
            return local.take(tenant, policy, now);
        }
        try {
            RateDecision decision = shared.take(tenant, policy, now);
            if (failing.compareAndSet(true, false)) {
                LOG.info("Shared rate limits answer again");
            }
            return decision;
        } catch (RuntimeException e) {
            skipSharedUntil = now.plus(pause);
            if (failing.compareAndSet(false, true)) {
                LOG.warn(
                        "Shared rate limits failed; this instance counts on its own until they answer, retrying "
                                + "every {} ({})",
                        pause,
                        e.toString());
            }
            return local.take(tenant, policy, now);
        }
    }

    /** Whether the shared store is being skipped at {@code now}, after a failure. */
    public boolean degraded(Instant now) {
        return now.isBefore(skipSharedUntil);
    }
}
