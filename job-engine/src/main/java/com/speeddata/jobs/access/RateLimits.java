package com.speeddata.jobs.access;

import java.time.Instant;

/**
 * Token buckets, one per (tenant, policy name): the port behind per-tenant rate limits. An implementation shared
 * by several instances (a database table) must make them together allow the policy's rate, not a multiple of it.
 *
 * <p>Every implementation follows {@link TokenBucket}: a new bucket starts full; a take first refills the bucket
 * for the time since its last refill, then takes one token when a whole one is there. A {@code now} earlier than
 * the bucket's last refill (a wall clock stepped back, or an instance whose clock is behind another's) credits
 * nothing, so the same seconds are never credited twice. The policy is the caller's at each take: a bucket whose
 * tenant changed tier keeps its tokens, clamped to the new burst.
 */
public interface RateLimits {
    /**
     * Takes one token from the bucket of {@code tenant} and {@code policy.name()} at {@code now}.
     *
     * @throws RuntimeException when a shared store cannot be reached ({@link FailOpenRateLimits} turns that into
     *                          a per-instance decision)
     */
    RateDecision take(String tenant, RatePolicy policy, Instant now);
}
