package com.speeddata.storage.access;

import com.speeddata.jobs.access.RateDecision;
import com.speeddata.jobs.access.RatePolicy;

/**
 * Whole tokens one instance took from a shared bucket ahead of need, spent here without a round trip.
 *
 * <p>A round trip asks for its group's tokens plus {@link #size(RatePolicy)} more; what it gets beyond the group is
 * held here, for at most {@link #LIFETIME_MICROS}. Leased tokens left the shared bucket when they were taken, so
 * the instances together never pass more than the bucket gave: the long-run rate stays the policy's, exactly. What
 * leasing loosens is the instant: an instance may spend tokens it took up to a second earlier, so over any window a
 * tenant may pass up to {@code size} more per instance than the burst plus the rate times the window, and while an
 * instance holds tokens another may be refused. Both are bounded by the size, a tenth of a second's worth of rate
 * and a tenth of the burst: nothing for the contract's {@code pro} tier (5/s), 5 tokens for {@code pro_plus}
 * (50/s), and for a rate high enough to be hit by a busy server, one round trip per lease instead of per request.
 * Tokens that outlive their lease, or whose policy changed, are dropped: a tenant loses at most {@code size}.
 *
 * <p>Not thread-safe: its {@link CoalescedTakes} line guards it.
 */
final class TokenLease {
    /** How much rate a lease holds: a tenth of a second's worth. */
    static final double SECONDS_OF_RATE = 0.1;
    /** How long leased tokens stay spendable. */
    static final long LIFETIME_MICROS = 1_000_000;

    private RatePolicy policy;
    private int tokens;
    private double bucketAfter;
    private long expiresAtMicros;

    /** Tokens a round trip takes beyond its group for {@code policy}: 0 where the rate is too low to lease. */
    static int size(RatePolicy policy) {
        return (int) Math.min(policy.burst() / 10, Math.floor(policy.perSecond() * SECONDS_OF_RATE));
    }

    /** Holds {@code count} tokens taken at {@code nowMicros}, the bucket left with {@code bucketAfter}. */
    void hold(RatePolicy taken, int count, double bucketLeft, long nowMicros) {
        policy = taken;
        tokens = count;
        bucketAfter = bucketLeft;
        expiresAtMicros = nowMicros + LIFETIME_MICROS;
    }

    /** Tokens held beyond the bucket's own: part of what a decision reports as remaining. */
    int held() {
        return tokens;
    }

    /** Spends one held token for a take of {@code wanted} at {@code nowMicros}; null when there is none to spend. */
    RateDecision spend(RatePolicy wanted, long nowMicros) {
        if (tokens == 0) {
            return null;
        }
        if (!wanted.equals(policy) || nowMicros >= expiresAtMicros || nowMicros < expiresAtMicros - LIFETIME_MICROS) {
            tokens = 0; // another tier, too old, or a clock stepped back: the round trip decides
            return null;
        }
        tokens--;
        return RateDecision.of(policy, true, bucketAfter + tokens);
    }
}
