package com.speeddata.http.jobs;

import com.speeddata.http.FileTransfer;
import com.speeddata.http.problem.Problem;
import com.speeddata.http.problem.ProblemException;
import com.speeddata.jobs.Job;
import com.speeddata.jobs.JobStatus;
import com.speeddata.jobs.ResultStore;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Sends a job's result file: 409 before completion, 410 once expired, a strong ETag (the SHA-256) with
 * If-None-Match (304, weak comparison), one Range (206, 416) honouring If-Range, and HEAD.
 */
public final class ResultDownload {
    private ResultDownload() {}

    public static void send(Context ctx, Job job, ResultStore results, Clock clock, String fileName)
            throws IOException {
        send(ctx, job, job.id().toString(), results, clock, fileName);
    }

    /** {@code shownId}: the job's id as its caller knows it (a batch's own job_id), named in error details. */
    public static void send(Context ctx, Job job, String shownId, ResultStore results, Clock clock, String fileName)
            throws IOException {
        if (job.status() == JobStatus.EXPIRED) {
            throw expired(shownId);
        }
        if (job.status() != JobStatus.COMPLETED) {
            throw new ProblemException(
                    Problem.of(
                            409,
                            "JOB_NOT_COMPLETED",
                            "Job not completed",
                            "job " + shownId + " is " + job.status().wireName()
                                    + "; its result is ready once it is completed"),
                    job.status().isDone()
                            ? Map.of()
                            : Map.of("Retry-After", JobViews.retryAfterSeconds(job, clock.instant())));
        }
        Path file = results.open(job.result().location()).orElseThrow(() -> expired(shownId));
        String etag = "\"" + job.result().sha256() + "\"";
        long size = job.result().bytes();
        ctx.header("ETag", etag);
        ctx.header("Accept-Ranges", "bytes");
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        if (EntityTags.noneMatchFails(ctx.header("If-None-Match"), etag)) {
            ctx.status(304);
            return;
        }
        String ifRange = ctx.header("If-Range");
        Optional<RangeRequest> range;
        try {
            range = ifRange == null || ifRange.equals(etag)
                    ? RangeRequest.parse(ctx.header("Range"), size)
                    : Optional.empty();
        } catch (RangeRequest.Unsatisfiable e) {
            ctx.header("Content-Range", "bytes */" + size);
            throw new ProblemException(Problem.of(
                    416, "RANGE_NOT_SATISFIABLE", "Range not satisfiable", "the file has " + size + " bytes"));
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

    private static ProblemException expired(String shownId) {
        return new ProblemException(Problem.of(
                410,
                "RESULT_EXPIRED",
                "Result expired",
                "the result of job " + shownId + " expired and was deleted; run the job again"));
    }
}
