package com.speeddata.jobs;

import java.time.Instant;
import java.util.Objects;

/**
 * A job to submit. {@code requestHash} fingerprints the request: submitting the same id again with the same
 * hash returns the existing job, with another hash it is a conflict.
 *
 * @param owner   the tenant the job belongs to
 * @param payload the handler's input, opaque to the engine (JSON in practice)
 * @param quota   the owner's limits and priority at submission; stored with the job, so every claim (on any
 *                instance) sees them
 */
public record NewJob(
        JobId id, String kind, String owner, String requestHash, String payload, int maxAttempts, JobQuota quota) {
    public NewJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(requestHash, "requestHash");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(quota, "quota");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
        }
    }

    /** A job with no quota ({@link JobQuota#UNLIMITED}): single-user mode. */
    public NewJob(JobId id, String kind, String owner, String requestHash, String payload, int maxAttempts) {
        this(id, kind, owner, requestHash, payload, maxAttempts, JobQuota.UNLIMITED);
    }

    /** The job as it stands once queued at {@code now}: no attempt yet, ready to run at once. */
    public Job queuedAt(Instant now) {
        return new Job(
                id,
                kind,
                owner,
                requestHash,
                payload,
                JobStatus.QUEUED,
                Progress.NONE,
                0,
                maxAttempts,
                now,
                null,
                null,
                now,
                null,
                null,
                false,
                null,
                null,
                null);
    }

    /** The same job with the owner's quota. */
    public NewJob withQuota(JobQuota value) {
        return new NewJob(id, kind, owner, requestHash, payload, maxAttempts, value);
    }
}
