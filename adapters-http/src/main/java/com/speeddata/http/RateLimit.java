package com.speeddata.http;

import com.speeddata.http.problem.Problem;
import com.speeddata.http.problem.ProblemException;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests per caller as a token bucket: a caller may send {@code 2 × perSecond} requests at once (a notebook cell
 * looping over a few exports), then {@code perSecond} a second; beyond that the request is refused with 429 and a
 * {@code Retry-After} saying when the next one will pass, before any work is done. Counted in this instance's
 * memory, so several instances behind a load balancer each allow this much. In single-user mode every request is
 * the same caller, so the limit is the instance's; one bucket is kept per caller (per API key, later).
 */
public final class RateLimit {
    private final double perSecond;
    private final double burst;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** @param perSecond requests a second per caller; 0 turns the limit off */
    public RateLimit(int perSecond, Clock clock) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("perSecond must not be negative: " + perSecond);
        }
        this.perSecond = perSecond;
        this.burst = 2.0 * perSecond;
        this.clock = clock;
    }

    /** Counts one request of {@code caller}, or throws 429 {@code RATE_LIMITED} when its allowance is spent. */
    public void take(String caller) {
        if (perSecond == 0) {
            return;
        }
        double wait = buckets.computeIfAbsent(caller, c -> new Bucket(burst, clock.millis()))
                .take(clock.millis(), perSecond, burst);
        if (wait > 0) {
            long retryAfter = Math.max(1, (long) Math.ceil(wait));
            throw new ProblemException(Problem.of(429, "RATE_LIMITED", "Too many requests",
                    "more than " + (long) perSecond + " requests a second; retry in " + retryAfter + " s"),
                    Map.of("Retry-After", Long.toString(retryAfter)));
        }
    }

    private static final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }

        /** Takes a token and returns 0, or returns the seconds until one is there (taking nothing). */
        synchronized double take(long now, double perSecond, double burst) {
            if (now > refilledAt) { // a wall clock stepped back credits nothing twice
                tokens = Math.min(burst, tokens + (now - refilledAt) * perSecond / 1000.0);
                refilledAt = now;
            }
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (1 - tokens) / perSecond;
        }
    }
}
