package com.speeddata.jobs;

import java.time.Instant;
import java.util.Objects;

/** A job as stored: its request, its status and everything the status page shows. */
public record Job(
        JobId id,
        String kind,
        String owner,
        String requestHash,
        String payload,
        JobStatus status,
        Progress progress,
        int attempts,
        int maxAttempts,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Instant runAfter,
        String leaseOwner,
        Instant leaseExpiresAt,
        boolean cancelRequested,
        JobResult result,
        JobError error,
        Instant expiresAt) {

    public Job {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        progress = progress == null ? Progress.NONE : progress;
    }
}
