package com.speeddata.jobs;

import java.util.Objects;

/**
 * A job to submit. {@code requestHash} fingerprints the request: submitting the same id again with the same
 * hash returns the existing job, with another hash it is a conflict.
 *
 * @param payload the handler's input, opaque to the engine (JSON in practice)
 */
public record NewJob(JobId id, String kind, String owner, String requestHash, String payload, int maxAttempts) {
    public NewJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(requestHash, "requestHash");
        Objects.requireNonNull(payload, "payload");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
        }
    }
}
