package com.speeddata.jobs.access;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Buckets in this process's memory: exact for one process (the embedded database, which only one process can
 * open; tests), per instance when several run. Buckets are never evicted: one per tenant and policy name is a few
 * dozen bytes each.
 */
public final class InMemoryRateLimits implements RateLimits {
    private final Map<BucketKey, TokenBucket> buckets = new ConcurrentHashMap<>();

    @Override
    public RateDecision take(String tenant, RatePolicy policy, Instant now) {
        long nowMicros = TokenBucket.micros(now);
        return buckets.computeIfAbsent(BucketKey.of(tenant, policy), key -> new TokenBucket(policy, nowMicros))
                .take(policy, nowMicros);
    }
}
