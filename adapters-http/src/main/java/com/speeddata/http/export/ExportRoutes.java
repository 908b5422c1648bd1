package com.speeddata.http.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.speeddata.http.Callers;
import com.speeddata.http.FileTransfer;
import com.speeddata.http.JsonBodies;
import com.speeddata.http.access.AccessSettings;
import com.speeddata.http.access.CallLimits;
import com.speeddata.http.jobs.JobViews;
import com.speeddata.http.problem.Problem;
import com.speeddata.http.problem.ProblemException;
import com.speeddata.jobs.AdoptedJob;
import com.speeddata.jobs.Job;
import com.speeddata.jobs.JobCancelledException;
import com.speeddata.jobs.JobEngine;
import com.speeddata.jobs.JobError;
import com.speeddata.jobs.LeaseLostException;
import com.speeddata.jobs.NewJob;
import com.speeddata.jobs.ResultStore;
import com.speeddata.pivot.export.Execution;
import com.speeddata.pivot.export.ExportPivot;
import com.speeddata.pivot.export.ExportRoute;
import com.speeddata.pivot.export.PreparedExport;
import com.speeddata.pivot.time.Timestamps;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /api/v1/pivot/export} and {@code /estimate}: routes each export inline or to a job by its size,
 * and turns an {@code auto} inline export that outlives the sync timeout into a job without losing its work.
 */
public final class ExportRoutes implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ExportRoutes.class);
    private static final DateTimeFormatter FILE_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);

    private final ExportPivot pivot;
    private final ExportSettings settings;
    private final JobEngine engine;
    private final ResultStore results;
    private final Clock clock;
    private final CallLimits limits;
    private final AccessSettings access;
    private final ExecutorService inline = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "inline-export");
        thread.setDaemon(true);
        return thread;
    });

    public ExportRoutes(ExportPivot pivot, ExportSettings settings, JobEngine engine, ResultStore results,
                        AccessSettings access, CallLimits limits, Clock clock) {
        this.access = access;
        this.limits = limits;
        this.pivot = pivot;
        this.settings = settings;
        this.engine = engine;
        this.results = results;
        this.clock = clock;
    }

    public void register(Javalin app) {
        app.post("/api/v1/pivot/export", this::export);
        app.post("/api/v1/pivot/estimate", this::estimate);
    }

    private void estimate(Context ctx) {
        limits.estimate(ctx);
        PreparedExport prepared = pivot.estimate(Callers.owner(ctx), ExportRequestReader.read(JsonBodies.readObject(ctx)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("estimated_bytes", prepared.estimate().bytes());
        body.put("rows", prepared.estimate().rows());
        body.put("columns", prepared.estimate().columns());
        body.put("route", prepared.route(settings.syncMaxBytes()).wireName());
        body.put("max_bytes", settings.exportMaxBytes());
        ctx.json(body);
    }

    private void export(Context ctx) throws IOException {
        limits.export(ctx);
        String owner = Callers.owner(ctx);
        ObjectNode body = JsonBodies.readObject(ctx);
        PreparedExport prepared = pivot.prepare(owner, ExportRequestReader.read(body));
        Prefer prefer = Prefer.parse(ctx.header("Prefer"));
        NewJob job = ExportJobs.newJob(prepared, body, Callers.caller(ctx), idempotencyKey(ctx));
        boolean auto = prepared.request().execution() == Execution.AUTO;
        ExportRoute route = auto && prefer.respondAsync() ? ExportRoute.ASYNC : prepared.route(settings.syncMaxBytes());
        if (route == ExportRoute.ASYNC) {
            accepted(ctx, engine.submit(job).job(), prepared);
            return;
        }
        Duration timeout = auto && prefer.waitFor() != null && prefer.waitFor().compareTo(settings.syncTimeout()) < 0
                ? prefer.waitFor() : settings.syncTimeout();
        runInline(ctx, prepared, job, auto, timeout);
    }

    private void runInline(Context ctx, PreparedExport prepared, NewJob job, boolean handOverOnTimeout,
                           Duration timeout) throws IOException {
        Path file = results.newFile(job.id(), 1, prepared.plan().format().extension());
        HandoverListener listener = new HandoverListener();
        CompletableFuture<Void> work = CompletableFuture.runAsync(() -> write(job.owner(), prepared, file, listener),
                inline);
        try {
            work.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (!handOverOnTimeout) {
                listener.abandon();
                throw new ProblemException(Problem.of(408, "SYNC_TIMEOUT", "Inline export timed out",
                        "the export ran past the sync timeout of " + timeout + "; ask for it as a job")
                        .withSuggestion(Map.of("execution", "async")));
            }
            AdoptedJob adopted = engine.adopt(job);
            listener.handOver(adopted.context());
            work.whenComplete((done, failure) -> finishAdopted(adopted, file, prepared, failure));
            log.info("inline export passed {}; continues as job {}", timeout, job.id());
            accepted(ctx, adopted.job(), prepared);
            return;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        send(ctx, prepared, file);
    }

    private void write(String owner, PreparedExport prepared, Path file, HandoverListener listener) {
        try {
            pivot.write(owner, prepared.plan(), file, listener);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void finishAdopted(AdoptedJob adopted, Path file, PreparedExport prepared, Throwable failure) {
        Throwable cause = failure != null && failure.getCause() != null ? failure.getCause() : failure;
        try {
            if (cause == null) {
                adopted.completed(results.describe(file, prepared.plan().format().contentType()));
            } else if (cause instanceof JobCancelledException) {
                adopted.cancelled();
            } else if (!(cause instanceof LeaseLostException)) {
                log.warn("adopted export job {} failed", adopted.job().id(), cause);
                adopted.failed(new JobError("EXPORT_FAILED", "the export failed; see the server log"));
            }
        } catch (IOException | RuntimeException e) {
            log.warn("could not finish adopted job {}", adopted.job().id(), e);
        }
    }

    private void send(Context ctx, PreparedExport prepared, Path file) throws IOException {
        try {
            ctx.status(200);
            ctx.contentType(prepared.plan().format().contentType());
            ctx.header("Content-Disposition", "attachment; filename=\"export_"
                    + FILE_STAMP.format(clock.instant()) + "." + prepared.plan().format().extension() + "\"");
            ctx.header("Content-Length", Long.toString(Files.size(file)));
            try (OutputStream out = ctx.res().getOutputStream()) {
                FileTransfer.send(file, 0, Files.size(file), out);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private void accepted(Context ctx, Job job, PreparedExport prepared) {
        Instant now = clock.instant();
        Duration ahead = pivot.throughput().timeFor(prepared.estimate().bytes())
                .multipliedBy(1 + engine.queued() / engine.settings().workers());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("job_id", job.id().toString());
        body.put("status", job.status().wireName());
        body.put("estimated_completion", Timestamps.format(now.plus(ahead)));
        body.put("poll_url", JobViews.pollUrl(job));
        body.put("websocket_url", access.websocketUrl(JobViews.pollUrl(job) + "/stream"));
        ctx.status(202);
        ctx.header("Location", JobViews.pollUrl(job));
        ctx.header("Retry-After", Long.toString(Math.max(1, Math.min(30, ahead.toSeconds() / 4))));
        ctx.json(body);
    }

    private static String idempotencyKey(Context ctx) {
        String key = ctx.header("Idempotency-Key");
        if (key != null && (key.isBlank() || key.length() > 255)) {
            throw ProblemException.badRequest("INVALID_IDEMPOTENCY_KEY", "Idempotency-Key must be 1 to 255 characters");
        }
        String problem = key == null ? null : com.speeddata.http.ControlCharacters.problem(key);
        if (problem != null) {
            throw ProblemException.badRequest("INVALID_IDEMPOTENCY_KEY", "Idempotency-Key " + problem);
        }
        return key;
    }

    @Override
    public void close() {
        inline.shutdownNow();
    }
}
