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
import com.speeddata.jobs.InsufficientStorageException;
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
import com.speeddata.pivot.export.ProgressListener;
import com.speeddata.pivot.time.Timestamps;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.eclipse.jetty.server.Request;
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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

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
    /** Seconds a client refused for busy inline exports waits: about one short inline export. */
    private static final String INLINE_BUSY_RETRY_SECONDS = "2";

    private final InlineExports inlineExports;
    /** Unbounded as a pool, bounded by {@link #inlineExports}: a thread per admitted inline export. */
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
        this.inlineExports = new InlineExports(settings.syncMaxConcurrent(), settings.syncMaxInflightBytes());
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
        long estimate = prepared.estimate().bytes();
        Optional<InlineExports.Permit> permit = route == ExportRoute.ASYNC ? Optional.empty()
                : inlineExports.tryEnter(estimate);
        if (route != ExportRoute.ASYNC && permit.isEmpty()) {
            if (auto) {
                route = ExportRoute.ASYNC; // inline exports are at their bound: queue it rather than refuse it
            } else {
                throw inlineRefusal(estimate);
            }
        }
        if (route == ExportRoute.ASYNC) {
            results.checkRoom(estimate);
            accepted(ctx, engine.submit(job).job(), prepared);
            return;
        }
        Duration timeout = auto && prefer.waitFor() != null && prefer.waitFor().compareTo(settings.syncTimeout()) < 0
                ? prefer.waitFor() : settings.syncTimeout();
        if (streams(prepared, timeout)) {
            stream(ctx, prepared, job.owner(), permit.get());
        } else {
            runInline(ctx, prepared, job, auto, timeout, permit.get());
        }
    }

    /**
     * Whether an inline export goes straight to the response as it is produced: when this instance's measured
     * export throughput (its prior is 50 MB/s until it has measured one) says it takes at most half the timeout.
     * A streamed export has sent its first bytes long before the timeout, so it can no longer become a 202 job or
     * a 408; it runs to its end (or the client's going). The margin of two keeps that case rare; an export the
     * meter says is closer to the timeout is written to a file first, as before, so that past the timeout it
     * can still be handed over to a job without losing its work (the contract's {@code auto}) or refused (408).
     */
    private boolean streams(PreparedExport prepared, Duration timeout) {
        return pivot.throughput().timeFor(prepared.estimate().bytes()).multipliedBy(2).compareTo(timeout) <= 0;
    }

    /**
     * Streams the export into the response: no temporary file, the first bytes leave as soon as they are
     * written. A failure before anything was sent is answered as any other (a problem); after that the
     * connection is aborted, so the client sees a cut transfer, never a short file that looks whole.
     */
    private void stream(Context ctx, PreparedExport prepared, String owner, InlineExports.Permit permit)
            throws IOException {
        try (permit) {
            fileHeaders(ctx, prepared);
            try {
                pivot.write(owner, prepared.plan(), new ResponseChannel(ctx.res().getOutputStream()),
                        ProgressListener.NONE);
            } catch (IOException | RuntimeException | Error failure) {
                if (!ctx.res().isCommitted()) {
                    ctx.res().reset();
                    throw failure;
                }
                abort(ctx, failure);
            }
        }
    }

    private static void abort(Context ctx, Throwable failure) {
        if (failure instanceof IOException) {
            log.info("streamed export ended early: {}", failure.toString()); // most often the client went away
        } else {
            log.warn("streamed export failed after its first bytes; connection aborted", failure);
        }
        Request.getBaseRequest(ctx.req()).getHttpChannel().abort(failure);
    }

    /** 413 for an explicit sync export that alone passes the inline bytes bound, else 503 while others hold it. */
    private ProblemException inlineRefusal(long estimate) {
        if (!inlineExports.fits(estimate)) {
            return new ProblemException(Problem.of(413, "SYNC_EXPORT_TOO_LARGE", "Export too large to run inline",
                    "the export is estimated at " + estimate + " bytes; inline exports may hold at most "
                            + settings.syncMaxInflightBytes() + " bytes; ask for it as a job")
                    .withSuggestion(Map.of("execution", "async")));
        }
        return new ProblemException(Problem.of(503, "EXPORTS_BUSY", "Too many inline exports",
                "inline exports are at their bound (" + settings.syncMaxConcurrent() + " at once, "
                        + settings.syncMaxInflightBytes() + " estimated bytes); retry shortly or ask for a job")
                .withSuggestion(Map.of("execution", "async")), Map.of("Retry-After", INLINE_BUSY_RETRY_SECONDS));
    }

    /**
     * Writes the export on the inline pool and sends it, or hands it over to a job past the timeout. The permit is
     * given back once the file is sent (or the work ends, when the response no longer waits for it); the room
     * reserved for the file once it is written (from then on the directory counts it as it lies on disk).
     */
    private void runInline(Context ctx, PreparedExport prepared, NewJob job, boolean handOverOnTimeout,
                           Duration timeout, InlineExports.Permit permit) throws IOException {
        Path file;
        ResultStore.Reservation room;
        try {
            file = results.newFile(job.id(), 1, prepared.plan().format().extension());
            room = results.reserve(file, prepared.estimate().bytes());
        } catch (IOException | RuntimeException e) {
            permit.close();
            throw e;
        }
        HandoverListener listener = new HandoverListener();
        AtomicBoolean responseWaits = new AtomicBoolean(true);
        CompletableFuture<Void> work = CompletableFuture.runAsync(() -> write(job.owner(), prepared, file, listener),
                inline);
        work.whenComplete((done, failure) -> {
            room.close();
            if (!responseWaits.get()) {
                permit.close();
            }
        });
        try {
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
                if (InsufficientStorageException.explains(e.getCause())) {
                    throw InsufficientStorageException.diskFull();
                }
                throw e.getCause() instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            send(ctx, prepared, file);
        } finally {
            responseWaits.set(false);
            if (work.isDone()) {
                permit.close(); // else the work's completion gives it back
            }
        }
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
            } else if (InsufficientStorageException.explains(cause)) {
                log.warn("adopted export job {} ran out of disk space: {}", adopted.job().id(), cause.toString());
                adopted.failed(new JobError(InsufficientStorageException.JOB_ERROR_CODE,
                        InsufficientStorageException.diskFull().getMessage()));
            } else if (!(cause instanceof LeaseLostException)) {
                log.warn("adopted export job {} failed", adopted.job().id(), cause);
                adopted.failed(new JobError("EXPORT_FAILED", "the export failed; see the server log"));
            }
        } catch (IOException | RuntimeException e) {
            log.warn("could not finish adopted job {}", adopted.job().id(), e);
        }
    }

    private void fileHeaders(Context ctx, PreparedExport prepared) {
        ctx.status(200);
        ctx.contentType(prepared.plan().format().contentType());
        ctx.header("Content-Disposition", "attachment; filename=\"export_"
                + FILE_STAMP.format(clock.instant()) + "." + prepared.plan().format().extension() + "\"");
    }

    private void send(Context ctx, PreparedExport prepared, Path file) throws IOException {
        try {
            fileHeaders(ctx, prepared);
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
