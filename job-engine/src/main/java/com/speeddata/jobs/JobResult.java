package com.speeddata.jobs;

import java.util.Objects;

/** What a finished job produced: a stored file's size, SHA-256, media type and where the result store keeps it. */
public record JobResult(long bytes, String sha256, String contentType, String location) {
    public JobResult {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(location, "location");
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative: " + bytes);
        }
    }
}
