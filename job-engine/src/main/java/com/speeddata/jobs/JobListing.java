package com.speeddata.jobs;

import java.time.Instant;
import java.util.Objects;

/**
 * Which of an owner's jobs to list: those of one kind, newest first (ties by id, descending), only in
 * {@code status} when it is given, after {@code after} when it is given, at most {@code limit}.
 */
public record JobListing(String owner, String kind, JobStatus status, Cursor after, int limit) {
    public JobListing {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(kind, "kind");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
    }

    /** Where a page ended: its last job's creation time and id. */
    public record Cursor(Instant createdAt, JobId id) {
        public Cursor {
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(id, "id");
        }

        public static Cursor after(Job job) {
            return new Cursor(job.createdAt(), job.id());
        }
    }
}
