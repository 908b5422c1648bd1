package com.speeddata.jobs;

import java.util.Objects;

/**
 * What a finished job produced: a stored file's size, SHA-256, media type and where the result store keeps it, and
 * optionally what the job's kind says about it beyond the file ({@code summary}, JSON text, e.g. an export's
 * receipt; null when none).
 */
public record JobResult(long bytes, String sha256, String contentType, String location, String summary) {
    public JobResult {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(location, "location");
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative: " + bytes);
        }
    }

    /** A result without a summary. */
    public JobResult(long bytes, String sha256, String contentType, String location) {
        this(bytes, sha256, contentType, location, null);
    }

    public JobResult withSummary(String text) {
        return new JobResult(bytes, sha256, contentType, location, text);
    }
}
