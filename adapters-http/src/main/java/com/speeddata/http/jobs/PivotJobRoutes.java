package com.speeddata.http.jobs;

import com.speeddata.http.Callers;
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
        return visibleJob(engine, id, owner, KIND);
    }

    /** The owner's job of that kind; any other job — another owner's, another kind — is not found. */
    public static Job visibleJob(JobEngine engine, String id, String owner, String kind) {
        Optional<Job> job = JobId.parse(id).flatMap(engine::find)
                .filter(j -> j.kind().equals(kind) && j.owner().equals(owner));
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
        ResultDownload.send(ctx, job, results, clock, "export_" + FILE_STAMP.format(job.createdAt()) + "."
                + extension(job.status() == JobStatus.COMPLETED ? job.result().contentType() : ""));
    }

    private static String extension(String contentType) {
        return contentType.startsWith("text/csv") ? "csv" : "h5";
    }
}
