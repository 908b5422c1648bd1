package com.speeddata.http.access;

import com.speeddata.http.problem.Problem;
import com.speeddata.http.problem.ProblemException;
import com.speeddata.jobs.access.RateDecision;
import com.speeddata.jobs.access.RateLimits;
import com.speeddata.jobs.access.RatePolicy;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A tenant's rate limit at the HTTP edge: takes one token before any work is done, and answers 429
 * {@code RATE_LIMITED} with {@code Retry-After} when the bucket is empty. Both answers carry the
 * {@code RateLimit-Policy} and {@code RateLimit} fields of draft-ietf-httpapi-ratelimit-headers-11 (23 May 2026,
 * the latest draft; structured-field lists of one item named after the policy):
 *
 * <ul>
 *   <li>{@code RateLimit-Policy: "score";q=10;w=2}: {@code q} is the burst, {@code w} the seconds the rate takes
 *   to refill it ({@code ceil(burst / perSecond)}, at least 1, since the draft's window is whole seconds). A
 *   client that sends at most {@code q} requests in any {@code w} seconds is never refused by the token bucket
 *   (when {@code burst / perSecond} is not whole, the rounded-up window makes that a slightly lower rate).</li>
 *   <li>{@code RateLimit: "score";r=9;t=1}: {@code r} is the whole tokens left, {@code t} the seconds until
 *   there is one more, rounded up as {@code Retry-After} is. On a 429, {@code r=0} and {@code t} equals
 *   {@code Retry-After}, so that Retry-After does not point before the end of the effective window (the draft's
 *   section 6).</li>
 * </ul>
 *
 * <p>No partition key ({@code pk}) is sent: the partition is always the caller's tenant, documented in the API.
 * Pass the {@link RateLimits} of {@code SharedRateLimits.of(database)}, which never fails on a database error.
 */
public final class TenantRateLimit {
    public static final String POLICY_HEADER = "RateLimit-Policy";
    public static final String LIMIT_HEADER = "RateLimit";
    public static final String RETRY_AFTER = "Retry-After";

    private final RateLimits limits;
    private final Clock clock;

    public TenantRateLimit(RateLimits limits, Clock clock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Counts one request of {@code tenant} under {@code policy}.
     *
     * @return the {@code RateLimit-Policy} and {@code RateLimit} headers for the response of the allowed request
     * @throws ProblemException 429 {@code RATE_LIMITED} with {@code Retry-After} and the same two headers
     */
    public Map<String, String> take(String tenant, RatePolicy policy) {
        RateDecision decision = limits.take(tenant, policy, clock.instant());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(POLICY_HEADER, policyField(policy));
        headers.put(LIMIT_HEADER, limitField(decision));
        if (decision.allowed()) {
            return headers;
        }
        long retryAfter = retryAfterSeconds(decision);
        headers.put(RETRY_AFTER, Long.toString(retryAfter));
        throw new ProblemException(
                Problem.of(
                        429,
                        "RATE_LIMITED",
                        "Too many requests",
                        "the '" + policy.name() + "' rate limit of this tenant (" + rate(policy)
                                + " requests a second, " + policy.burst() + " at once) is spent; retry in " + retryAfter
                                + " s"),
                headers);
    }

    /** {@link #take} that puts the headers on the response of an allowed request. */
    public void take(Context ctx, String tenant, RatePolicy policy) {
        take(tenant, policy).forEach(ctx::header);
    }

    /** {@code "name";q=<burst>;w=<seconds to refill the burst>}. */
    static String policyField(RatePolicy policy) {
        long window = Math.max(1, (long) Math.ceil(policy.burst() / policy.perSecond()));
        return "\"" + policy.name() + "\";q=" + policy.burst() + ";w=" + window;
    }

    /** {@code "name";r=<whole tokens left>;t=<seconds until one more>}. */
    static String limitField(RateDecision decision) {
        long window = decision.allowed() ? ceilSeconds(decision.untilNextToken()) : retryAfterSeconds(decision);
        return "\"" + decision.policy().name() + "\";r=" + decision.wholeRemaining() + ";t=" + window;
    }

    /** Whole seconds until a request would pass; at least 1, since 0 would invite an immediate retry. */
    private static long retryAfterSeconds(RateDecision refused) {
        return Math.max(1, ceilSeconds(refused.untilNextToken()));
    }

    private static long ceilSeconds(Duration duration) {
        long seconds = duration.getSeconds();
        return duration.getNano() > 0 ? seconds + 1 : seconds;
    }

    private static String rate(RatePolicy policy) {
        double perSecond = policy.perSecond();
        return perSecond == Math.rint(perSecond) ? Long.toString((long) perSecond) : Double.toString(perSecond);
    }
}
