package com.speeddata.jobs.access;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers which buckets a shared store found empty, and refuses takes from them here, without a round trip,
 * until their next token is due. A tenant sending far beyond its rate then costs the database one take per token
 * interval and instance, not one per request.
 *
 * <p>This is exact, not an estimate: other instances only ever take tokens out, and tokens come only with time, so
 * a bucket found holding {@code t < 1} tokens cannot hold a whole one before {@code (1 - t) / perSecond} has passed,
 * whatever the other instances do. The refusal computed here is the one the store would give (the remaining
 * fraction grows at the rate). When the store's clock is ahead of this instance's, the store would refuse a little
 * longer: the cache then asks it again early, which costs a round trip, never an extra token. A take with another
 * policy (a tenant changed tier) bypasses the entry.
 */
public final class EmptyBucketCache implements RateLimits {
    private final RateLimits store;
    private final Map<BucketKey, Empty> empty = new ConcurrentHashMap<>();

    public EmptyBucketCache(RateLimits store) {
        this.store = store;
    }

    /** A bucket refused at {@code atMicros} holding {@code tokens}, with no whole token before {@code untilMicros}. */
    private record Empty(RatePolicy policy, double tokens, long atMicros, long untilMicros) {}

    @Override
    public RateDecision take(String tenant, RatePolicy policy, Instant now) {
        BucketKey key = BucketKey.of(tenant, policy);
        long nowMicros = TokenBucket.micros(now);
        Empty known = empty.get(key);
        if (known != null && known.policy().equals(policy) && nowMicros < known.untilMicros()) {
            double tokens = TokenBucket.refilled(known.tokens(), known.atMicros(), nowMicros, policy);
            return RateDecision.of(policy, false, Math.min(tokens, Math.nextDown(1.0)));
        }
        RateDecision decision = store.take(tenant, policy, now);
        if (decision.allowed()) {
            if (known != null) {
                empty.remove(key, known);
            }
        } else {
            long wait = (decision.untilNextToken().toNanos() + 999) / 1_000; // rounded up to the microsecond
            empty.put(key, new Empty(policy, decision.remaining(), nowMicros, nowMicros + wait));
        }
        return decision;
    }
}
