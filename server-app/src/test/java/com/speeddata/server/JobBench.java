package com.speeddata.server;

import com.speeddata.jobs.EngineSettings;
import com.speeddata.jobs.Job;
import com.speeddata.jobs.JobContext;
import com.speeddata.jobs.JobEngine;
import com.speeddata.jobs.JobHandler;
import com.speeddata.jobs.JobId;
import com.speeddata.jobs.JobResult;
import com.speeddata.jobs.JobWakeup;
import com.speeddata.jobs.LocalWakeup;
import com.speeddata.jobs.NewJob;
import com.speeddata.storage.Database;
import com.speeddata.storage.Dialect;
import com.speeddata.storage.files.FileResultStore;
import com.speeddata.storage.jobs.JdbcJobStore;
import com.speeddata.storage.jobs.PostgresWakeup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Issue 3's job benchmark, a main: no-op jobs through the real engine and job table on each store. Prints
 * throughput (jobs submitted and completed per second, submitters and workers running at once) and pickup latency
 * (submit → handler running, one job at a time, p50/p99). {@code scripts/bench jobs}.
 */
public final class JobBench {
    private static final int THROUGHPUT_JOBS = 20_000;
    private static final int LATENCY_JOBS = 300;
    private static final int WORKERS = Integer.getInteger("bench.workers", 8);
    private static final int SUBMITTERS = Integer.getInteger("bench.submitters", 8);
    /** {@code -Dbench.claims=fair}: multi-user mode's claims that rank tenants; default single-user's in-order. */
    private static final JdbcJobStore.ClaimOrder CLAIMS = JdbcJobStore.ClaimOrder.valueOf(
            System.getProperty("bench.claims", "in_order").toUpperCase(Locale.ROOT));

    private final Map<JobId, Long> submittedAt = new ConcurrentHashMap<>();
    private final Map<JobId, Long> startedAt = new ConcurrentHashMap<>();
    private volatile CountDownLatch done;
    private final java.util.concurrent.atomic.LongAdder fullQueueWaits = new java.util.concurrent.atomic.LongAdder();

    public static void main(String[] args) throws Exception {
        List<String> stores = args.length == 0 ? List.of("embedded", "postgres") : List.of(args);
        for (String store : stores) {
            TestDatabase.Kind kind = TestDatabase.Kind.valueOf(store.toUpperCase(Locale.ROOT));
            Path dataDir = Files.createTempDirectory("job-bench-");
            try (TestDatabase test = TestDatabase.create(kind);
                    Database database = Database.open(test.url(), dataDir)) {
                System.out.printf("%n== %s, %s claims%n", store, CLAIMS.name().toLowerCase(Locale.ROOT));
                new JobBench().run(database, dataDir);
            } finally {
                TempTree.delete(dataDir);
            }
        }
    }

    private void run(Database database, Path dataDir) throws Exception {
        JobWakeup wakeup = database.dialect() == Dialect.POSTGRESQL ? new PostgresWakeup(database) : new LocalWakeup();
        EngineSettings settings = new EngineSettings(
                "bench",
                WORKERS,
                Duration.ofSeconds(30),
                Duration.ofSeconds(1),
                Duration.ofMillis(500),
                1,
                Duration.ofSeconds(1),
                Duration.ofHours(1),
                ServerConfig.DEFAULT_JOB_QUEUE_CAPACITY,
                ServerConfig.DEFAULT_JOB_STALL_TIMEOUT);
        drain(database, dataDir, settings);
        try (JobEngine engine = new JobEngine(
                        new JdbcJobStore(database, CLAIMS),
                        new FileResultStore(dataDir),
                        List.of(new NoOp()),
                        wakeup,
                        Clock.systemUTC(),
                        settings)
                .start()) {
            latency(engine, 50, false);
            throughput(engine);
            latency(engine, LATENCY_JOBS, true);
        }
    }

    /** Workers alone: the queue is filled first (by an engine that was never started), then emptied. */
    private void drain(Database database, Path dataDir, EngineSettings settings) throws InterruptedException {
        JdbcJobStore store = new JdbcJobStore(database, CLAIMS);
        EngineSettings unbounded = new EngineSettings(
                settings.instanceId(),
                settings.workers(),
                settings.lease(),
                settings.pollInterval(),
                settings.progressThrottle(),
                settings.maxAttempts(),
                settings.retryBackoff(),
                settings.resultTtl(),
                Integer.MAX_VALUE,
                settings.stallTimeout()); // the whole backlog is queued before any worker starts
        JobEngine filler = new JobEngine(
                store,
                new FileResultStore(dataDir),
                List.of(new NoOp()),
                new LocalWakeup(),
                Clock.systemUTC(),
                unbounded);
        for (int i = 0; i < THROUGHPUT_JOBS; i++) {
            submit(filler);
        }
        done = new CountDownLatch(THROUGHPUT_JOBS);
        long started = System.nanoTime();
        try (JobEngine workers = new JobEngine(
                        store,
                        new FileResultStore(dataDir),
                        List.of(new NoOp()),
                        new LocalWakeup(),
                        Clock.systemUTC(),
                        settings)
                .start()) {
            if (!done.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException(done.getCount() + " jobs never ran");
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(
                    "drain: %d queued no-op jobs claimed, run and completed in %.2f s = %.0f jobs/s, " + "%d workers%n",
                    THROUGHPUT_JOBS, seconds, THROUGHPUT_JOBS / seconds, WORKERS);
        }
    }

    private void throughput(JobEngine engine) throws InterruptedException {
        done = new CountDownLatch(THROUGHPUT_JOBS);
        long started = System.nanoTime();
        Thread[] submitters = new Thread[SUBMITTERS];
        for (int t = 0; t < submitters.length; t++) {
            submitters[t] = new Thread(() -> {
                for (int i = 0; i < THROUGHPUT_JOBS / submitters.length; i++) {
                    submit(engine);
                }
            });
            submitters[t].start();
        }
        for (Thread submitter : submitters) {
            submitter.join();
        }
        double submitSeconds = (System.nanoTime() - started) / 1e9;
        if (!done.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException(done.getCount() + " jobs never ran");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "throughput: %d no-op jobs submitted in %.2f s (%.0f/s) and all completed in %.2f s "
                        + "(%.0f jobs/s), %d workers, %d submitting threads, queue capacity %d (%d waits on a full "
                        + "queue)%n",
                THROUGHPUT_JOBS,
                submitSeconds,
                THROUGHPUT_JOBS / submitSeconds,
                seconds,
                THROUGHPUT_JOBS / seconds,
                WORKERS,
                SUBMITTERS,
                ServerConfig.DEFAULT_JOB_QUEUE_CAPACITY,
                fullQueueWaits.sum());
    }

    private void latency(JobEngine engine, int jobs, boolean print) throws InterruptedException {
        long[] pickups = new long[jobs];
        for (int i = 0; i < jobs; i++) {
            done = new CountDownLatch(1);
            JobId id = submit(engine);
            if (!done.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("job " + id + " never ran");
            }
            pickups[i] = startedAt.get(id) - submittedAt.get(id);
            Thread.sleep(5);
        }
        if (print) {
            Arrays.sort(pickups);
            System.out.printf(
                    "pickup latency, submit → running, %d jobs one at a time: p50 %.2f ms, p99 %.2f ms, "
                            + "max %.2f ms%n",
                    jobs, pickups[jobs / 2] / 1e6, pickups[(int) (jobs * 0.99)] / 1e6, pickups[jobs - 1] / 1e6);
        }
    }

    /** Submits one job; on a full queue (503 to an HTTP client) waits a little and tries again, as clients do. */
    private JobId submit(JobEngine engine) {
        JobId id = JobId.random();
        while (true) {
            try {
                submittedAt.put(id, System.nanoTime());
                engine.submit(new NewJob(id, "noop", "bench", "h", "{}", 1));
                return id;
            } catch (com.speeddata.jobs.QueueFullException e) {
                fullQueueWaits.increment();
                try {
                    Thread.sleep(5);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(interrupted);
                }
            }
        }
    }

    private final class NoOp implements JobHandler {
        @Override
        public String kind() {
            return "noop";
        }

        @Override
        public JobResult run(Job job, JobContext context) {
            startedAt.put(job.id(), System.nanoTime());
            done.countDown();
            return new JobResult(0, "0".repeat(64), "text/plain", "none");
        }
    }
}
