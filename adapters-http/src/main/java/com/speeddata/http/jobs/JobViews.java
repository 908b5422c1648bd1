package com.speeddata.http.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.speeddata.export.ExportReceipts;
import com.speeddata.http.Json;
import com.speeddata.jobs.Job;
import com.speeddata.jobs.JobResult;
import com.speeddata.jobs.JobStatus;
import com.speeddata.pivot.time.Timestamps;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contract's JSON shape of a pivot export job: its status, the result file with the export receipt
 * ({@code result.receipt}) once completed, and the request that made it ({@code request}: as the job runs it, with
 * a relative time range fixed to what it meant at submission).
 */
public final class JobViews {
    public static final String JOBS_PATH = "/api/v1/pivot/jobs/";

    private JobViews() {}

    public static Map<String, Object> pivotJob(Job job) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("job_id", job.id().toString());
        view.put("status", job.status().wireName());
        view.put(
                "progress",
                Map.of(
                        "percent",
                        job.progress().percent(),
                        "message",
                        job.progress().message()));
        view.put("created_at", instant(job.createdAt()));
        view.put("started_at", instant(job.startedAt()));
        view.put("finished_at", instant(job.finishedAt()));
        view.put("download_url", job.status() == JobStatus.COMPLETED ? downloadUrl(job) : null);
        view.put("expires_at", instant(job.expiresAt()));
        view.put("error", error(job));
        view.put("result", job.result() == null ? null : result(job.result()));
        view.put("attempts", job.attempts());
        view.put("request", json(job.payload()));
        return view;
    }

    /** The file's size, checksum and type, and for an aligned export its receipt. */
    /** A failed job's {@code error} field, {@code {code, message}}; null for any other job. */
    public static Map<String, Object> error(Job job) {
        return job.error() == null || job.status() != JobStatus.FAILED
                ? null
                : Map.of("code", job.error().code(), "message", job.error().message());
    }

    private static Map<String, Object> result(JobResult result) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("bytes", result.bytes());
        view.put("sha256", result.sha256());
        view.put("content_type", result.contentType());
        JsonNode summary = json(result.summary());
        if (summary != null && summary.has(ExportReceipts.RECEIPT)) {
            view.put("receipt", summary.get(ExportReceipts.RECEIPT));
        }
        return view;
    }

    /** Stored JSON text (written by this service) as a tree; null when there is none. */
    private static JsonNode json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored job holds JSON that does not parse", e);
        }
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
