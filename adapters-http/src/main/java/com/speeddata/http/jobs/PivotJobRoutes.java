package com.speeddata.http.jobs;

import com.speeddata.http.Callers;
import com.speeddata.http.FileTransfer;
import com.speeddata.http.problem.Problem;
import com.speeddata.http.problem.ProblemException;
import com.speeddata.jobs.Job;
import com.speeddata.jobs.JobEngine;
import com.speeddata.jobs.JobId;
import com.speeddata.jobs.JobNotFoundException;
import com.speeddata.jobs.JobStatus;
import com.speeddata.jobs.ResultStore;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;

/** Status, list, cancel and download of pivot export jobs. */
public final class PivotJobRoutes {
    public static final String KIND = "pivot-export";
    private static final int LIST_LIMIT = 100;
    private static final DateTimeFormatter FILE_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);

    private final JobEngine engine;
    private final ResultStore results;
    private final Clock clock;

    public PivotJobRoutes(JobEngine engine, ResultStore results, Clock clock) {
        this.engine = engine;
        this.results = results;
        this.clock = clock;
    }

    public void register(Javalin app) {
        app.get("/api/v1/pivot/jobs", this::list);
        app.get("/api/v1/pivot/jobs/{job_id}", this::status);
        app.delete("/api/v1/pivot/jobs/{job_id}", this::cancel);
        app.get("/api/v1/pivot/jobs/{job_id}/download", this::download);
        app.head("/api/v1/pivot/jobs/{job_id}/download", this::download);
    }

    /** The caller's pivot job named by the path; another owner's job, or another kind, is not found. */
    static Job visibleJob(JobEngine engine, Context ctx) {
        return visibleJob(engine, ctx.pathParam("job_id"), Callers.owner(ctx));
    }

    static Job visibleJob(JobEngine engine, String id, String owner) {
        Optional<Job> job = JobId.parse(id).flatMap(engine::find)
                .filter(j -> j.kind().equals(KIND) && j.owner().equals(owner));
        return job.orElseThrow(() -> new JobNotFoundException(id));
    }

    private void list(Context ctx) {
        ctx.json(Map.of("jobs", engine.listByOwner(Callers.owner(ctx), LIST_LIMIT).stream()
                .filter(j -> j.kind().equals(KIND)).map(JobViews::pivotJob).toList()));
    }

    private void status(Context ctx) {
        Job job = visibleJob(engine, ctx);
        if (!job.status().isDone()) {
            ctx.header("Retry-After", JobViews.retryAfterSeconds(job, clock.instant()));
        }
        ctx.json(JobViews.pivotJob(job));
    }

    /** 200 when the job is cancelled at once (it was queued), 202 while a running job is being stopped. */
    private void cancel(Context ctx) {
        Job job = visibleJob(engine, ctx);
        if (job.status().isDone()) {
            throw new ProblemException(Problem.of(409, "JOB_ALREADY_DONE", "Job already finished",
                    "job " + job.id() + " is " + job.status().wireName() + " and can no longer be cancelled"));
        }
        Job after = engine.cancel(job.id()).orElse(job);
        ctx.status(after.status().isDone() ? 200 : 202).json(JobViews.pivotJob(after));
    }

    private void download(Context ctx) throws IOException {
        Job job = visibleJob(engine, ctx);
        if (job.status() == JobStatus.EXPIRED) {
            throw expired(job);
        }
        if (job.status() != JobStatus.COMPLETED) {
            throw new ProblemException(Problem.of(409, "JOB_NOT_COMPLETED", "Job not completed",
                    "job " + job.id() + " is " + job.status().wireName() + "; download it once it is completed"),
                    job.status().isDone() ? Map.of() : Map.of("Retry-After",
                            JobViews.retryAfterSeconds(job, clock.instant())));
        }
        Path file = results.open(job.result().location()).orElseThrow(() -> expired(job));
        String etag = "\"" + job.result().sha256() + "\"";
        long size = job.result().bytes();
        ctx.header("ETag", etag);
        ctx.header("Accept-Ranges", "bytes");
        ctx.header("Content-Disposition", "attachment; filename=\"export_" + FILE_STAMP.format(job.createdAt())
                + "." + extension(job.result().contentType()) + "\"");
        if (etag.equals(ctx.header("If-None-Match")) || "*".equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        String ifRange = ctx.header("If-Range");
        Optional<RangeRequest> range;
        try {
            range = ifRange == null || ifRange.equals(etag)
                    ? RangeRequest.parse(ctx.header("Range"), size) : Optional.empty();
        } catch (RangeRequest.Unsatisfiable e) {
            ctx.header("Content-Range", "bytes */" + size);
            throw new ProblemException(Problem.of(416, "RANGE_NOT_SATISFIABLE", "Range not satisfiable",
                    "the file has " + size + " bytes"));
        }
        long first = range.map(RangeRequest::first).orElse(0L);
        long length = range.map(RangeRequest::length).orElse(size);
        ctx.status(range.isPresent() ? 206 : 200);
        range.ifPresent(r -> ctx.header("Content-Range", "bytes " + r.first() + "-" + r.last() + "/" + size));
        ctx.contentType(job.result().contentType());
        ctx.header("Content-Length", Long.toString(length));
        if (ctx.method().name().equals("HEAD")) {
            return;
        }
        try (OutputStream out = ctx.res().getOutputStream()) {
            FileTransfer.send(file, first, length, out);
        }
    }

    private static ProblemException expired(Job job) {
        return new ProblemException(Problem.of(410, "RESULT_EXPIRED", "Result expired",
                "the result of job " + job.id() + " expired and was deleted; run the export again"));
    }

    private static String extension(String contentType) {
        return contentType.startsWith("text/csv") ? "csv" : "h5";
    }
}
