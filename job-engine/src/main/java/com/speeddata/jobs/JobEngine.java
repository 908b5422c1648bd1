package com.speeddata.jobs;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs queued jobs on a few worker threads, renews their leases by heartbeat, retries failed attempts with
 * backoff, takes over jobs whose worker died, and expires old results. Every instance sharing a job table runs
 * one engine; the store's atomic claims keep each job to one worker at a time.
 */
public final class JobEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JobEngine.class);
    private static final Duration MAINTENANCE_INTERVAL = Duration.ofSeconds(5);
    private static final Duration ERROR_PAUSE = Duration.ofSeconds(1);
    /** How long a file of a known job that no longer needs it stays before the sweep deletes it. */
    public static final Duration ORPHAN_GRACE = Duration.ofHours(1);
    /**
     * How long a file whose job does not exist stays: an inline export's file has no job row while it is written
     * (up to SYNC_TIMEOUT) and sent, so only a day-old one is surely left by a dead instance.
     */
    public static final Duration UNKNOWN_JOB_GRACE = Duration.ofDays(1);

    private static final Duration ORPHAN_SWEEP_INTERVAL = Duration.ofMinutes(10);

    private final JobStore store;
    private final ResultStore results;
    private final Map<String, JobHandler> handlers;
    private final JobWakeup wakeup;
    private final Clock clock;
    private final EngineSettings settings;
    private final Map<JobId, RunningJob> running = new ConcurrentHashMap<>();
    private final ExecutorService workers;
    private final ScheduledExecutorService housekeeping;
    /** The orphan sweep's own thread: a long sweep must never hold up the lease renewals. */
    private final ScheduledExecutorService sweeper;

    private volatile boolean stopped;

    public JobEngine(
            JobStore store,
            ResultStore results,
            List<JobHandler> handlers,
            JobWakeup wakeup,
            Clock clock,
            EngineSettings settings) {
        this.store = store;
        this.results = results;
        this.handlers = handlers.stream().collect(Collectors.toUnmodifiableMap(JobHandler::kind, Function.identity()));
        this.wakeup = wakeup;
        this.clock = clock;
        this.settings = settings;
        this.workers = Executors.newFixedThreadPool(settings.workers(), daemon("job-worker"));
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(daemon("job-housekeeping"));
        this.sweeper = Executors.newSingleThreadScheduledExecutor(daemon("job-orphan-sweep"));
    }

    public JobEngine start() {
        for (int i = 0; i < settings.workers(); i++) {
            String workerId = settings.instanceId() + "/" + i;
            workers.submit(() -> workLoop(workerId));
        }
        long heartbeat = settings.heartbeat().toMillis();
        housekeeping.scheduleWithFixedDelay(this::renewLeases, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        housekeeping.scheduleWithFixedDelay(this::maintain, 0, MAINTENANCE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        sweeper.scheduleWithFixedDelay(
                this::sweepOrphans,
                ORPHAN_SWEEP_INTERVAL.toMillis(),
                ORPHAN_SWEEP_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        log.info(
                "job engine {} started: {} workers for {}",
                settings.instanceId(),
                settings.workers(),
                handlers.keySet());
        return this;
    }

    /** Queues a job (or finds the one already submitted with its id) and wakes the workers. */
    public Submission submit(NewJob job) {
        if (!handlers.containsKey(job.kind())) {
            throw new IllegalArgumentException("no handler for job kind " + job.kind());
        }
        Submission submission = store.submit(job, clock.instant(), settings.queueCapacity());
        if (submission.created()) {
            wakeup.signal();
        }
        return submission;
    }

    /**
     * Turns work already running in this instance into a job leased to it, renewed by this engine's heartbeat.
     * Should the instance die, the lease runs out and a worker elsewhere runs the job again from its payload.
     */
    public AdoptedJob adopt(NewJob job) {
        String workerId = settings.instanceId() + "/adopted";
        Job adopted = store.adopt(job, workerId, clock.instant(), settings.lease());
        RunningJob context = new RunningJob(adopted, workerId, null, store, clock, settings);
        running.put(adopted.id(), context);
        return new AdoptedJob() {
            @Override
            public Job job() {
                return adopted;
            }

            @Override
            public JobContext context() {
                return context;
            }

            @Override
            public void completed(JobResult result) {
                context.flush();
                Instant now = clock.instant();
                running.remove(adopted.id());
                if (!store.complete(adopted.id(), workerId, result, now, now.plus(settings.resultTtl()))) {
                    results.delete(result.location());
                }
            }

            @Override
            public void failed(JobError error) {
                running.remove(adopted.id());
                store.fail(adopted.id(), workerId, error, clock.instant());
            }

            @Override
            public void cancelled() {
                running.remove(adopted.id());
                store.markCancelled(adopted.id(), workerId, clock.instant());
            }
        };
    }

    public Optional<Job> find(JobId id) {
        return store.find(id);
    }

    /** The owner's job; another owner's is empty. What every route asking for a caller's job uses. */
    public Optional<Job> find(String owner, JobId id) {
        return store.find(owner, id);
    }

    public List<Job> list(JobListing listing) {
        return store.list(listing);
    }

    public Optional<Job> cancel(JobId id) {
        return store.requestCancel(id, clock.instant());
    }

    /**
     * DELETE on a finished job: a completed job's result becomes EXPIRED at once and its file is deleted (downloads
     * answer 410 from the status change on); a job in any other state is left as it is. Returns the job as it is
     * after the call.
     */
    public Optional<Job> discardResult(JobId id) {
        Optional<Job> discarded = store.discardResult(id);
        discarded
                .filter(job -> job.status() == JobStatus.EXPIRED && job.result() != null)
                .ifPresent(job -> results.delete(job.result().location()));
        return discarded;
    }

    /** Jobs of every instance by status, for monitoring. */
    public Map<JobStatus, Long> countByStatus() {
        return store.countByStatus();
    }

    /** Jobs waiting in the queue, of every instance. */
    public long queued() {
        return store.countQueued();
    }

    public EngineSettings settings() {
        return settings;
    }

    private void workLoop(String workerId) {
        Set<String> kinds = handlers.keySet();
        while (!stopped) {
            try {
                Optional<Job> claimed = store.claim(workerId, kinds, clock.instant(), settings.lease());
                if (claimed.isPresent()) {
                    run(claimed.get(), workerId);
                } else {
                    wakeup.await(settings.pollInterval());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("worker {}: {}; retrying in {}", workerId, e.toString(), ERROR_PAUSE);
                pause();
            }
        }
    }

    private void run(Job job, String workerId) {
        RunningJob context = new RunningJob(job, workerId, Thread.currentThread(), store, clock, settings);
        running.put(job.id(), context);
        log.info("job {} ({}) attempt {} started on {}", job.id(), job.kind(), job.attempts(), workerId);
        deleteEarlierAttempts(job);
        try {
            JobResult result = handlers.get(job.kind()).run(job, context);
            context.flush(); // the last progress, which the throttle may have held back
            Instant now = clock.instant();
            if (!complete(job, workerId, result, now)) {
                log.warn("job {} finished on {} after losing its lease; result discarded", job.id(), workerId);
                results.delete(result.location());
            } else {
                log.info("job {} completed: {} bytes", job.id(), result.bytes());
            }
        } catch (JobCancelledException e) {
            release(
                    "marking job " + job.id() + " cancelled",
                    () -> store.markCancelled(job.id(), workerId, clock.instant()));
            log.info("job {} cancelled", job.id());
        } catch (LeaseLostException e) {
            log.warn("job {}: lease lost on {}, another worker owns it now", job.id(), workerId);
        } catch (JobFailure e) {
            if (!reportedGivenUp(context)) {
                failOrRetry(job, workerId, new JobError(e.code(), e.getMessage()), e.retryable());
            }
        } catch (Exception e) {
            if (reportedGivenUp(context)) {
                return;
            }
            if (InsufficientStorageException.explains(e)) {
                // Not retried: an attempt at once would rewrite the same bytes into the same full disk.
                log.warn("job {} attempt {} ran out of disk space: {}", job.id(), job.attempts(), e.toString());
                failOrRetry(
                        job,
                        workerId,
                        new JobError(
                                InsufficientStorageException.JOB_ERROR_CODE,
                                e instanceof InsufficientStorageException room
                                        ? room.getMessage()
                                        : InsufficientStorageException.diskFull()
                                                .getMessage()),
                        false);
                return;
            }
            if (stopped) {
                release(
                        "releasing job " + job.id(),
                        () -> store.retry(
                                job.id(), workerId, new JobError("SHUTDOWN", "the instance stopped"), clock.instant()));
                log.info("job {} released for another instance: this one is stopping", job.id());
                return;
            }
            log.warn("job {} attempt {} failed", job.id(), job.attempts(), e);
            failOrRetry(job, workerId, new JobError("JOB_FAILED", "the job failed unexpectedly"), true);
        } finally {
            running.remove(job.id());
            context.finished();
            if (!stopped) {
                Thread.interrupted(); // a stall's interrupt must not end this worker's loop
            }
        }
    }

    /**
     * Completes the job, retrying through a database outage. A retry that finds the job already completed with this
     * very result counts as done: the earlier call committed, only its answer was lost.
     */
    private boolean complete(Job job, String workerId, JobResult result, Instant now) {
        boolean[] tried = {false};
        return release("completing job " + job.id(), () -> {
            boolean retrying = tried[0];
            tried[0] = true;
            return store.complete(job.id(), workerId, result, now, now.plus(settings.resultTtl()))
                    || retrying
                            && store.find(job.id())
                                    .filter(j -> j.status() == JobStatus.COMPLETED)
                                    .map(j -> result.equals(j.result()))
                                    .orElse(false);
        });
    }

    /** A store call that ends an attempt, retried for up to the lease ({@link ReleaseRetry}). */
    private boolean release(String what, java.util.function.BooleanSupplier call) {
        return ReleaseRetry.call(what, settings.lease(), call);
    }

    /**
     * When a job is taken over (its previous attempt was killed, hung or failed), the files earlier attempts left
     * half-written are deleted now instead of by the hourly {@link #sweepOrphans} (a killed export's partial file
     * can be hundreds of MB). Never stops the attempt: a failure here is logged and the sweep catches up.
     */
    private void deleteEarlierAttempts(Job job) {
        if (job.attempts() <= 1) {
            return;
        }
        try {
            for (ResultFile file : results.files()) {
                if (file.job().equals(job.id())
                        && file.attempt() < job.attempts()
                        && file.isOrphanOf(Optional.of(job))) {
                    results.delete(file.location());
                    log.info(
                            "deleted {}: left by attempt {} of job {}, taken over by attempt {}",
                            file.location(),
                            file.attempt(),
                            job.id(),
                            job.attempts());
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("deleting the files of earlier attempts of job {} failed: {}", job.id(), e.toString());
        }
    }

    private static boolean reportedGivenUp(RunningJob context) {
        if (context.wasGivenUp()) {
            log.info(
                    "job {} stopped on {} after it was given up as stalled",
                    context.job().id(),
                    context.workerId());
        }
        return context.wasGivenUp();
    }

    private void failOrRetry(Job job, String workerId, JobError error, boolean retryable) {
        if (retryable && job.attempts() < job.maxAttempts()) {
            Duration backoff = settings.retryBackoff().multipliedBy(1L << Math.min(20, job.attempts() - 1));
            release(
                    "queueing job " + job.id() + " for a retry",
                    () -> store.retry(job.id(), workerId, error, clock.instant().plus(backoff)));
            log.info("job {} will retry in {} ({})", job.id(), backoff, error.code());
        } else {
            release("failing job " + job.id(), () -> store.fail(job.id(), workerId, error, clock.instant()));
            log.info("job {} failed: {} {}", job.id(), error.code(), error.message());
        }
    }

    private void renewLeases() {
        Instant now = clock.instant();
        for (RunningJob job : running.values()) {
            try {
                if (job.isStalled(now)) {
                    giveUp(job);
                } else {
                    job.renew();
                }
            } catch (RuntimeException e) {
                log.warn("lease renewal of job {} failed: {}", job.job().id(), e.toString());
            }
        }
    }

    /**
     * A job that reports no progress for the stall timeout is stuck (a handler hung on I/O would otherwise keep its
     * lease through this heartbeat forever): its thread is interrupted and the job runs again, or fails when out of
     * attempts, with code {@code JOB_STALLED}.
     */
    private void giveUp(RunningJob job) {
        log.warn(
                "job {} reported no progress for {} on {}: given up",
                job.job().id(),
                settings.stallTimeout(),
                job.workerId());
        running.remove(job.job().id());
        job.giveUp();
        failOrRetry(
                job.job(),
                job.workerId(),
                new JobError("JOB_STALLED", "the job reported no progress for " + settings.stallTimeout()),
                true);
    }

    private void maintain() {
        try {
            Instant now = clock.instant();
            int reaped = store.reapAbandoned(now);
            if (reaped > 0) {
                log.info("{} abandoned jobs failed or cancelled", reaped);
            }
            for (Job expired : store.expire(now)) {
                if (expired.result() != null) {
                    results.delete(expired.result().location());
                }
                log.info("job {} result expired", expired.id());
            }
        } catch (RuntimeException e) {
            log.warn("job maintenance failed: {}", e.toString());
        }
    }

    /**
     * Deletes result files no job will use ({@link ResultFile#isOrphanOf}), unchanged for {@link #ORPHAN_GRACE}
     * ({@link #UNKNOWN_JOB_GRACE} when their job does not exist): what an instance killed mid-write leaves behind.
     * Every instance sweeps the shared directory; deleting twice is harmless.
     *
     * @return how many files were deleted
     */
    public int sweepOrphans() {
        int deleted = 0;
        try {
            Instant now = clock.instant();
            for (ResultFile file : results.files()) {
                if (!file.modified().isBefore(now.minus(ORPHAN_GRACE))) {
                    continue;
                }
                Optional<Job> job = store.find(file.job());
                Duration grace = job.isPresent() ? ORPHAN_GRACE : UNKNOWN_JOB_GRACE;
                if (file.modified().isBefore(now.minus(grace)) && file.isOrphanOf(job)) {
                    results.delete(file.location());
                    deleted++;
                    log.info(
                            "deleted {}: left by attempt {} of job {}, which no longer needs it",
                            file.location(),
                            file.attempt(),
                            file.job());
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("sweeping orphaned result files failed: {}", e.toString());
        }
        return deleted;
    }

    private void pause() {
        try {
            Thread.sleep(ERROR_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopped = true;
        wakeup.close();
        housekeeping.shutdownNow();
        sweeper.shutdownNow();
        workers.shutdownNow();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
