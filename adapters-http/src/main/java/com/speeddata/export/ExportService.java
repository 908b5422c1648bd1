package com.speeddata.export;

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
import com.speeddata.pivot.export.ExportRequest;
import com.speeddata.pivot.export.ExportRoute;
import com.speeddata.pivot.export.PreparedExport;
import com.speeddata.pivot.export.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The export use case: routes each export inline or to a job by its size and the caller's wishes, holds inline
 * exports to their bound, and turns an {@code auto} inline export that outlives the sync timeout into a job
 * without losing its work. It knows nothing of HTTP: it answers with an export to write, a file to send or a job.
 */
public final class ExportService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ExportService.class);

    private final ExportPivot pivot;
    private final ExportSettings settings;
    private final JobEngine engine;
    private final ResultStore results;
    private final Clock clock;
    private final InlineExports inlineExports;
    /**
     * Writes inline exports that go through a file. Each holds an inline permit, so at most
     * {@code syncMaxConcurrent} run at once; the queue only takes the moment between a write giving back its
     * permit and its thread becoming free.
     */
    private final ThreadPoolExecutor inline;

    public ExportService(
            ExportPivot pivot, ExportSettings settings, JobEngine engine, ResultStore results, Clock clock) {
        this.pivot = pivot;
        this.settings = settings;
        this.engine = engine;
        this.results = results;
        this.clock = clock;
        this.inlineExports = new InlineExports(settings.syncMaxConcurrent(), settings.syncMaxInflightBytes());
        int threads = settings.syncMaxConcurrent();
        this.inline =
                new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(threads), r -> {
                    Thread thread = new Thread(r, "inline-export");
                    thread.setDaemon(true);
                    return thread;
                });
        this.inline.allowCoreThreadTimeOut(true);
    }

    public ExportSettings settings() {
        return settings;
    }

    /** Validates and sizes a request without reading a sample. */
    public PreparedExport estimate(String owner, ExportRequest request) {
        return pivot.estimate(owner, request);
    }

    /** As {@link #estimate}, and refuses exports over the maximum size. */
    public PreparedExport prepare(String owner, ExportRequest request) {
        return pivot.prepare(owner, request);
    }

    /** Where an export would go by its size alone: inline at or under {@code SYNC_MAX_BYTES}, else a job. */
    public ExportRoute plannedRoute(PreparedExport prepared) {
        return prepared.route(settings.syncMaxBytes());
    }

    /**
     * Runs an export inline or queues it. {@code auto} goes by size, to a job when the caller prefers one, and to a
     * job when inline exports are at their bound; an explicit {@code sync} is refused then.
     *
     * @throws InlineExportRefusedException an explicit {@code sync} export that cannot run inline
     * @throws InsufficientStorageException when the result directory has no room for the file
     */
    public ExportOutcome export(ExportOrder order) throws IOException {
        PreparedExport prepared = order.prepared();
        NewJob job = ExportJobs.newJob(prepared, order.body(), order.caller(), order.idempotencyKey());
        boolean auto = prepared.request().execution() == Execution.AUTO;
        ExportRoute route = auto && order.respondAsync() ? ExportRoute.ASYNC : plannedRoute(prepared);
        long estimate = prepared.estimate().bytes();
        Optional<InlineExports.Permit> permit =
                route == ExportRoute.ASYNC ? Optional.empty() : inlineExports.tryEnter(estimate);
        if (route != ExportRoute.ASYNC && permit.isEmpty()) {
            if (auto) {
                route = ExportRoute.ASYNC; // inline exports are at their bound: queue it rather than refuse it
            } else {
                throw inlineRefusal(estimate);
            }
        }
        if (route == ExportRoute.ASYNC) {
            results.checkRoom(estimate);
            return queued(engine.submit(job).job(), prepared);
        }
        Duration timeout = auto && order.waitFor() != null && order.waitFor().compareTo(settings.syncTimeout()) < 0
                ? order.waitFor()
                : settings.syncTimeout();
        boolean streams;
        try {
            streams = streams(prepared, timeout);
        } catch (RuntimeException e) {
            permit.get().close();
            throw e;
        }
        if (streams) {
            return new ExportOutcome.Inline.Streamed(
                    prepared,
                    out -> pivot.write(job.owner(), prepared.plan(), out, ProgressListener.NONE),
                    permit.get());
        }
        return runInline(prepared, job, auto, timeout, permit.get()); // gives the permit back on every path
    }

    /**
     * Whether an inline export goes straight to the response as it is produced: when this instance's measured
     * export throughput (its prior is 50 MB/s until it has measured one) says it takes at most half the timeout.
     * A streamed export has sent its first bytes long before the timeout, so it can no longer become a job or a
     * timeout refusal; it runs to its end (or the client's going). The margin of two keeps that case rare; an
     * export the meter says is closer to the timeout is written to a file first, so that past the timeout it can
     * still be handed over to a job without losing its work (the contract's {@code auto}) or refused.
     */
    private boolean streams(PreparedExport prepared, Duration timeout) {
        return pivot.throughput()
                        .timeFor(prepared.estimate().bytes())
                        .multipliedBy(2)
                        .compareTo(timeout)
                <= 0;
    }

    /** Too large for an explicit sync export when it alone passes the inline bytes bound, else busy. */
    private InlineExportRefusedException inlineRefusal(long estimate) {
        if (!inlineExports.fits(estimate)) {
            return new InlineExportRefusedException.TooLarge(estimate, settings.syncMaxInflightBytes());
        }
        return new InlineExportRefusedException.Busy(settings.syncMaxConcurrent(), settings.syncMaxInflightBytes());
    }

    /**
     * Writes the export on the inline pool and answers with the file, or hands it over to a job past the timeout.
     * The permit is given back once the file is sent (the answer is closed) or, when nobody waits for the work any
     * more, once the work ends; the room reserved for the file once it is written (from then on the directory
     * counts it as it lies on disk).
     */
    private ExportOutcome runInline(
            PreparedExport prepared,
            NewJob job,
            boolean handOverOnTimeout,
            Duration timeout,
            InlineExports.Permit permit)
            throws IOException {
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
        AtomicBoolean answerWaits = new AtomicBoolean(true);
        CompletableFuture<Void> work;
        try {
            work = CompletableFuture.runAsync(() -> write(job.owner(), prepared, file, listener), inline);
        } catch (RuntimeException e) { // rejected: the service is closing
            room.close();
            permit.close();
            throw e;
        }
        work.whenComplete((done, failure) -> {
            room.close();
            if (!answerWaits.get()) {
                permit.close();
            }
        });
        boolean answered = false;
        try {
            try {
                work.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (!handOverOnTimeout) {
                    listener.abandon();
                    throw new InlineExportRefusedException.TimedOut(timeout);
                }
                AdoptedJob adopted = engine.adopt(job);
                listener.handOver(adopted.context());
                work.whenComplete((done, failure) -> finishAdopted(adopted, file, prepared, failure));
                log.info("inline export passed {}; continues as job {}", timeout, job.id());
                return queued(adopted.job(), prepared);
            } catch (ExecutionException e) {
                if (InsufficientStorageException.explains(e.getCause())) {
                    throw InsufficientStorageException.diskFull();
                }
                throw e.getCause() instanceof RuntimeException runtime
                        ? runtime
                        : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            ExportOutcome.Inline.File written = new ExportOutcome.Inline.File(prepared, file, size(file), permit);
            answered = true; // the answer holds the permit now, and deletes the file once sent
            return written;
        } finally {
            if (!answered) {
                answerWaits.set(false);
                if (work.isDone()) {
                    permit.close(); // else the work's completion gives it back
                }
            }
        }
    }

    private static long size(Path file) throws IOException {
        try {
            return Files.size(file);
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
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
                adopted.completed(
                        results.describe(file, prepared.plan().format().contentType()));
            } else if (cause instanceof JobCancelledException) {
                adopted.cancelled();
            } else if (InsufficientStorageException.explains(cause)) {
                log.warn(
                        "adopted export job {} ran out of disk space: {}",
                        adopted.job().id(),
                        cause.toString());
                adopted.failed(new JobError(
                        InsufficientStorageException.JOB_ERROR_CODE,
                        InsufficientStorageException.diskFull().getMessage()));
            } else if (!(cause instanceof LeaseLostException)) {
                log.warn("adopted export job {} failed", adopted.job().id(), cause);
                adopted.failed(new JobError("EXPORT_FAILED", "the export failed; see the server log"));
            }
        } catch (IOException | RuntimeException e) {
            log.warn("could not finish adopted job {}", adopted.job().id(), e);
        }
    }

    /** The job with its expected completion: its own time at the measured throughput, times the queue ahead. */
    private ExportOutcome.Queued queued(Job job, PreparedExport prepared) {
        Duration ahead = pivot.throughput()
                .timeFor(prepared.estimate().bytes())
                .multipliedBy(1 + engine.queued() / engine.settings().workers());
        return new ExportOutcome.Queued(prepared, job, clock.instant().plus(ahead), ahead);
    }

    @Override
    public void close() {
        inline.shutdownNow();
    }
}
