package com.speeddata.jobs;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The life of a job, with the only moves it may make (after JobRunr's AllowedJobStateStateChanges).
 * RUNNING → QUEUED is a retry after a failed attempt or a worker that lost its lease.
 */
public enum JobStatus {
    QUEUED,
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELLED,
    EXPIRED;

    private static final Map<JobStatus, Set<JobStatus>> ALLOWED = Map.of(
            QUEUED, EnumSet.of(RUNNING, CANCELLED),
            RUNNING, EnumSet.of(QUEUED, COMPLETED, FAILED, CANCELLED),
            COMPLETED, EnumSet.of(EXPIRED),
            FAILED, EnumSet.noneOf(JobStatus.class),
            CANCELLED, EnumSet.noneOf(JobStatus.class),
            EXPIRED, EnumSet.noneOf(JobStatus.class));

    public boolean canMoveTo(JobStatus next) {
        return ALLOWED.get(this).contains(next);
    }

    /** No more work will happen: the status can only change by expiry. */
    public boolean isDone() {
        return this != QUEUED && this != RUNNING;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobStatus fromWire(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
