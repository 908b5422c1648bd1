package com.speeddata.jobs.access;

import java.time.Instant;

/**
 * The bucket rule, in one place for Java; the PostgreSQL adapter's statement spells the same arithmetic in SQL
 * (same operations in the same order, on the same microsecond clock), and the contract test holds both to it.
 *
 * <p>Time is counted in microseconds since the epoch: the database's precision, so both give the same answers.
 */
public final class TokenBucket {
    private double tokens;
    private long refilledAtMicros;

    /** A full bucket as of {@code nowMicros}. */
    public TokenBucket(RatePolicy policy, long nowMicros) {
        this.tokens = policy.burst();
        this.refilledAtMicros = nowMicros;
    }

    /** Refills for the time since the last refill (none when {@code nowMicros} is earlier), then takes a token. */
    public synchronized RateDecision take(RatePolicy policy, long nowMicros) {
        tokens = refilled(tokens, refilledAtMicros, nowMicros, policy);
        refilledAtMicros = Math.max(refilledAtMicros, nowMicros);
        boolean allowed = tokens >= 1;
        if (allowed) {
            tokens -= 1;
        }
        return RateDecision.of(policy, allowed, tokens);
    }

    /** {@code LEAST(burst, tokens + GREATEST(0, now - refilled_at) * per_second / 1e6)}. */
    static double refilled(double tokens, long refilledAtMicros, long nowMicros, RatePolicy policy) {
        long elapsed = Math.max(0, nowMicros - refilledAtMicros);
        return Math.min(policy.burst(), tokens + elapsed * policy.perSecond() / 1_000_000.0);
    }

    /** Microseconds since the epoch, rounded down. */
    public static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }
}
