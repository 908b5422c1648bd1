package com.speeddata.http.jobs;

import com.speeddata.export.ExportJobs;
import com.speeddata.http.Callers;
import com.speeddata.http.JsonFields;
import com.speeddata.http.JsonResponses;
import com.speeddata.http.ListingParams;
import com.speeddata.http.PageCursor;
import com.speeddata.http.access.Authentication;
import com.speeddata.jobs.Job;
import com.speeddata.jobs.JobEngine;
import com.speeddata.jobs.JobId;
import com.speeddata.jobs.JobListing;
import com.speeddata.jobs.JobNotFoundException;
import com.speeddata.jobs.JobStatus;
import com.speeddata.jobs.ResultStore;
import com.speeddata.jobs.access.Caller;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Status, list, cancel and download of pivot export jobs. */
public final class PivotJobRoutes {
    public static final String KIND = ExportJobs.KIND;
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
    static Job ownJob(JobEngine engine, Context ctx) {
        return visibleJob(engine, ctx.pathParam("job_id"), Callers.owner(ctx), KIND);
    }

    /** As {@link #ownJob}, but admin keys (operations) may read every tenant's pivot jobs: status and stream only. */
    static Job readableJob(JobEngine engine, Context ctx) {
        return readableJob(engine, ctx.pathParam("job_id"), Callers.caller(ctx));
    }

    static Job readableJob(JobEngine engine, String id, Caller caller) {
        if (caller.admin()) {
            return JobId.parse(id)
                    .flatMap(engine::find)
                    .filter(j -> j.kind().equals(KIND))
                    .orElseThrow(() -> new JobNotFoundException(id));
        }
        return visibleJob(engine, id, caller.tenant(), KIND);
    }

    /** The owner's job of that kind; any other job — another owner's, another kind — is not found. */
    public static Job visibleJob(JobEngine engine, String id, String owner, String kind) {
        Optional<Job> job = JobId.parse(id)
                .flatMap(jobId -> engine.find(owner, jobId))
                .filter(j -> j.kind().equals(kind));
        return job.orElseThrow(() -> new JobNotFoundException(id));
    }

    /**
     * The caller's export jobs, newest first, a page at a time; {@code status} keeps one state; {@code tenant}
     * (admin keys only) lists another tenant's.
     */
    private void list(Context ctx) {
        ListingParams params = ListingParams.of(ctx, Set.of("status", "tenant"));
        JobStatus status = status(params.fields());
        String tenant = params.fields().string("tenant");
        if (tenant != null) {
            Authentication.requireAdmin(ctx);
        }
        int limit = params.limit();
        PageCursor cursor = params.cursor();
        params.throwIfInvalid();
        // One more than asked shows whether another page follows.
        List<Job> jobs = engine.list(new JobListing(
                tenant == null ? Callers.owner(ctx) : tenant,
                KIND,
                status,
                cursor == null ? null : new JobListing.Cursor(cursor.at(), new JobId(cursor.id())),
                limit + 1));
        List<Job> page = jobs.subList(0, Math.min(limit, jobs.size()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jobs", page.stream().map(JobViews::pivotJob).toList());
        body.put(
                "next_cursor",
                jobs.size() <= limit
                        ? null
                        : new PageCursor(
                                        page.get(limit - 1).createdAt(),
                                        page.get(limit - 1).id().value())
                                .encode());
        JsonResponses.send(ctx, body);
    }

    private static JobStatus status(JsonFields params) {
        String text = params.string("status");
        if (text == null) {
            return null;
        }
        Optional<JobStatus> status = Arrays.stream(JobStatus.values())
                .filter(s -> s.wireName().equals(text))
                .findFirst();
        if (status.isEmpty()) {
            params.error(
                    "status",
                    "must be one of "
                            + Arrays.stream(JobStatus.values())
                                    .map(JobStatus::wireName)
                                    .toList());
        }
        return status.orElse(null);
    }

    private void status(Context ctx) {
        Job job = readableJob(engine, ctx);
        if (!job.status().isDone()) {
            ctx.header("Retry-After", JobViews.retryAfterSeconds(job, clock.instant()));
        }
        JsonResponses.send(ctx, JobViews.pivotJob(job));
    }

    /**
     * On a queued or running job: cancels it, 200 when at once (it was queued), 202 while a running job is being
     * stopped. On a finished job: 204; a completed job's file is deleted and its status becomes expired (a failed,
     * cancelled or expired job has no file and stays as it is: DELETE is idempotent).
     */
    private void cancel(Context ctx) {
        Job job = ownJob(engine, ctx);
        if (job.status().isDone()) {
            engine.discardResult(job.id());
            ctx.status(204);
            return;
        }
        Job after = engine.cancel(job.id()).orElse(job);
        if (after.status().isDone() && after.status() != JobStatus.CANCELLED) {
            // It finished between the two reads: a DELETE on a finished job.
            engine.discardResult(job.id());
            ctx.status(204);
            return;
        }
        JsonResponses.send(ctx.status(after.status().isDone() ? 200 : 202), JobViews.pivotJob(after));
    }

    private void download(Context ctx) throws IOException {
        Job job = ownJob(engine, ctx);
        ResultDownload.send(
                ctx,
                job,
                results,
                clock,
                "export_" + FILE_STAMP.format(job.createdAt()) + "."
                        + extension(
                                job.status() == JobStatus.COMPLETED
                                        ? job.result().contentType()
                                        : ""));
    }

    private static String extension(String contentType) {
        return contentType.startsWith("text/csv") ? "csv" : "h5";
    }
}
