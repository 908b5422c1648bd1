package com.speeddata.http.jobs;

import com.speeddata.jobs.Job;
import com.speeddata.jobs.JobStatus;
import com.speeddata.pivot.time.Timestamps;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The contract's JSON shape of a pivot export job. */
public final class JobViews {
    public static final String JOBS_PATH = "/api/v1/pivot/jobs/";

    private JobViews() {
    }

    public static Map<String, Object> pivotJob(Job job) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("job_id", job.id().toString());
        view.put("status", job.status().wireName());
        view.put("progress", Map.of("percent", job.progress().percent(), "message", job.progress().message()));
        view.put("created_at", instant(job.createdAt()));
        view.put("started_at", instant(job.startedAt()));
        view.put("finished_at", instant(job.finishedAt()));
        view.put("download_url", job.status() == JobStatus.COMPLETED ? downloadUrl(job) : null);
        view.put("expires_at", instant(job.expiresAt()));
        view.put("error", job.error() == null || job.status() != JobStatus.FAILED ? null
                : Map.of("code", job.error().code(), "message", job.error().message()));
        view.put("result", job.result() == null ? null : Map.of("bytes", job.result().bytes(),
                "sha256", job.result().sha256(), "content_type", job.result().contentType()));
        view.put("attempts", job.attempts());
        return view;
    }

    public static String pollUrl(Job job) {
        return JOBS_PATH + job.id();
    }

    public static String downloadUrl(Job job) {
        return JOBS_PATH + job.id() + "/download";
    }

    /** Seconds a client should wait before polling again: short while the job is young, longer later. */
    public static String retryAfterSeconds(Job job, Instant now) {
        long age = java.time.Duration.between(job.createdAt(), now).toSeconds();
        return Long.toString(Math.max(1, Math.min(10, age / 10)));
    }

    static String instant(Instant instant) {
        return instant == null ? null : Timestamps.format(instant);
    }
}
