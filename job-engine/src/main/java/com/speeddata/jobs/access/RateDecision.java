package com.speeddata.jobs.access;

import java.time.Duration;
import java.util.Objects;

/**
 * What one take from a bucket decided.
 *
 * @param policy         the policy the bucket was taken from
 * @param allowed        whether the request may go on (it took a token); a refused request takes nothing
 * @param remaining      tokens left in the bucket after this take, fractions included: {@code [0, burst)}
 * @param untilNextToken how long until the bucket holds one more whole token than now (for a refused request: the
 *                       wait before one would pass); zero when the bucket is full
 * @param untilFull      how long until the bucket is full again, if nothing more is taken
 */
public record RateDecision(
        RatePolicy policy, boolean allowed, double remaining, Duration untilNextToken, Duration untilFull) {
    public RateDecision {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(untilNextToken, "untilNextToken");
        Objects.requireNonNull(untilFull, "untilFull");
        if (!(remaining >= 0) || remaining > policy.burst()) {
            throw new IllegalArgumentException("remaining must be within [0, " + policy.burst() + "]: " + remaining);
        }
        if (untilNextToken.isNegative() || untilFull.isNegative()) {
            throw new IllegalArgumentException("waits must not be negative: " + untilNextToken + ", " + untilFull);
        }
    }

    /** The decision for a bucket left holding {@code tokens} after a take that was {@code allowed} or not. */
    public static RateDecision of(RatePolicy policy, boolean allowed, double tokens) {
        double left = Math.max(0, Math.min(policy.burst(), tokens)); // float noise never leaves the bucket's range
        double nextWhole = Math.min(policy.burst(), Math.floor(left) + 1);
        return new RateDecision(
                policy,
                allowed,
                left,
                seconds((nextWhole - left) / policy.perSecond()),
                seconds((policy.burst() - left) / policy.perSecond()));
    }

    /** Whole tokens left: the requests that would pass right now. */
    public long wholeRemaining() {
        return (long) Math.floor(remaining);
    }

    /** Rounded up to the nanosecond, so that waiting this long always finds the token there. */
    private static Duration seconds(double seconds) {
        return Duration.ofNanos((long) Math.ceil(Math.max(0, seconds) * 1e9));
    }
}
