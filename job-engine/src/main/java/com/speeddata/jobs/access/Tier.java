package com.speeddata.jobs.access;

import java.util.Objects;

/**
 * What a tenant's keys may do: the limits of one tier (contract, "Multi-user mode"). Rates are per tenant and
 * across all instances; {@code priority} orders job claims between tenants (higher first).
 *
 * @param scoreHeadlinesPerCall most headlines one {@code POST /v1/score} takes
 * @param scorePerSecond        {@code /v1/score} calls a second, with {@code scoreBurst} at once
 * @param exportPerSecond       export and estimate calls a second, with {@code exportBurst} at once
 * @param jobsRunning           jobs (export and batch) running at once
 * @param jobsQueued            jobs waiting in the queue
 * @param eventsPerBatch        most events one scoring batch covers
 */
public record Tier(
        String name,
        int scoreHeadlinesPerCall,
        double scorePerSecond,
        int scoreBurst,
        double exportPerSecond,
        int exportBurst,
        int jobsRunning,
        int jobsQueued,
        int eventsPerBatch,
        int priority) {
    public Tier {
        Objects.requireNonNull(name, "name");
        positive(scoreHeadlinesPerCall, "score_headlines_per_call");
        positive(scoreBurst, "score_burst");
        positive(exportBurst, "export_burst");
        positive(jobsRunning, "jobs_running");
        positive(jobsQueued, "jobs_queued");
        positive(eventsPerBatch, "events_per_batch");
        if (!(scorePerSecond > 0) || !(exportPerSecond > 0)) {
            throw new IllegalArgumentException("tier " + name + ": rates must be positive numbers of calls a second");
        }
    }

    /** The job limits every job of this tier's tenants carries. */
    public com.speeddata.jobs.JobQuota jobQuota() {
        return new com.speeddata.jobs.JobQuota(jobsQueued, jobsRunning, priority);
    }

    /** The bucket of {@code /v1/score} calls, per tenant. */
    public RatePolicy scoreRate() {
        return new RatePolicy("score", scorePerSecond, scoreBurst);
    }

    /** The bucket of export and estimate calls (one bucket for both), per tenant. */
    public RatePolicy exportRate() {
        return new RatePolicy("export", exportPerSecond, exportBurst);
    }

    private static void positive(long value, String field) {
        if (value < 1) {
            throw new IllegalArgumentException(field + " must be at least 1, not " + value);
        }
    }

    /** The contract's {@code pro} tier. */
    public static final Tier PRO = new Tier("pro", 10, 5, 10, 2, 10, 2, 100, 100_000, 1);
    /** The contract's {@code pro_plus} tier: higher limits, and its jobs are claimed first. */
    public static final Tier PRO_PLUS = new Tier("pro_plus", 10, 50, 100, 10, 50, 8, 1_000, 1_000_000, 2);
}
