package com.speeddata.jobs;

import java.time.Instant;

/** Copies a job with some fields changed, for the in-memory store. */
final class JobBuilder {
    private final Job job;
    private JobStatus status;
    private Progress progress;
    private int attempts;
    private Instant startedAt;
    private Instant finishedAt;
    private Instant runAfter;
    private String leaseOwner;
    private Instant leaseExpiresAt;
    private boolean cancelRequested;
    private JobResult result;
    private JobError error;
    private Instant expiresAt;

    JobBuilder(Job job) {
        this.job = job;
        status = job.status();
        progress = job.progress();
        attempts = job.attempts();
        startedAt = job.startedAt();
        finishedAt = job.finishedAt();
        runAfter = job.runAfter();
        leaseOwner = job.leaseOwner();
        leaseExpiresAt = job.leaseExpiresAt();
        cancelRequested = job.cancelRequested();
        result = job.result();
        error = job.error();
        expiresAt = job.expiresAt();
    }

    JobBuilder status(JobStatus value) {
        status = value;
        return this;
    }

    JobBuilder progress(Progress value) {
        progress = value;
        return this;
    }

    JobBuilder attempts(int value) {
        attempts = value;
        return this;
    }

    JobBuilder startedAt(Instant value) {
        startedAt = value;
        return this;
    }

    JobBuilder finishedAt(Instant value) {
        finishedAt = value;
        return this;
    }

    JobBuilder runAfter(Instant value) {
        runAfter = value;
        return this;
    }

    JobBuilder leaseOwner(String value) {
        leaseOwner = value;
        return this;
    }

    JobBuilder leaseExpiresAt(Instant value) {
        leaseExpiresAt = value;
        return this;
    }

    JobBuilder cancelRequested(boolean value) {
        cancelRequested = value;
        return this;
    }

    JobBuilder result(JobResult value) {
        result = value;
        return this;
    }

    JobBuilder error(JobError value) {
        error = value;
        return this;
    }

    JobBuilder expiresAt(Instant value) {
        expiresAt = value;
        return this;
    }

    Job build() {
        return new Job(
                job.id(),
                job.kind(),
                job.owner(),
                job.requestHash(),
                job.payload(),
                status,
                progress,
                attempts,
                job.maxAttempts(),
                job.createdAt(),
                startedAt,
                finishedAt,
                runAfter,
                leaseOwner,
                leaseExpiresAt,
                cancelRequested,
                result,
                error,
                expiresAt);
    }
}
