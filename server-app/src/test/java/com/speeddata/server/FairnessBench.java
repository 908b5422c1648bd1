package com.speeddata.server;

import com.speeddata.jobs.EngineSettings;
import com.speeddata.jobs.Job;
import com.speeddata.jobs.JobContext;
import com.speeddata.jobs.JobEngine;
import com.speeddata.jobs.JobHandler;
import com.speeddata.jobs.JobId;
import com.speeddata.jobs.JobQuota;
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
 * Issue 9's fairness benchmark, a main ({@code scripts/bench fairness}). <em>Wait</em>: tenant A has 500 jobs of
 * duration D queued and every worker busy with them; tenant B submits one job, several times over; prints how long
 * B waited, in units of D (a first-in-first-out queue would make it 500 / workers D). <em>Claim rate</em>: 20,000
 * no-op jobs queued first and drained by 8 workers, once for one unlimited tenant (single-user mode, as
 * {@code scripts/bench jobs}'s drain) and once spread over 20 tenants with the pro_plus quota (8 running each).
 */
public final class FairnessBench {
    private static final Duration D = Duration.ofMillis(Long.getLong("bench.duration.ms", 200));
    private static final int A_JOBS = 500;
    private static final int B_ROUNDS = 8;
    private static final int DRAIN_JOBS = 20_000;
    private static final int TENANTS = 20;
    private static final JobQuota PRO = new JobQuota(100, 2, 1);
    private static final JobQuota PRO_PLUS = new JobQuota(1000, 8, 2);

    private final Map<JobId, Long> startedAt = new ConcurrentHashMap<>();
    /** Counted down when a job of tenant {@code b} starts / when a drained job ends. */
    private volatile CountDownLatch bStarted;

    private volatile CountDownLatch drained;

    public static void main(String[] args) throws Exception {
        List<String> stores = args.length == 0 ? List.of("embedded", "postgres") : List.of(args);
        for (String store : stores) {
            TestDatabase.Kind kind = TestDatabase.Kind.valueOf(store.toUpperCase(Locale.ROOT));
            System.out.printf("%n== %s%n", store);
            FairnessBench bench = new FairnessBench();
            bench.inFreshDatabase(
                    kind,
                    (database, dir) -> bench.waitOfB(
                            database,
                            dir,
                            "same tier: A and B " + "pro_plus, 8 workers, all busy with A",
                            PRO_PLUS,
                            PRO_PLUS,
                            8,
                            B_ROUNDS));
            bench.inFreshDatabase(
                    kind,
                    (database, dir) -> bench.waitOfB(
                            database,
                            dir,
                            "A pro_plus, B pro, "
                                    + "8 workers, all busy with A (A has priority: B waits for A's queue)",
                            PRO_PLUS,
                            PRO,
                            8,
                            1));
            bench.inFreshDatabase(
                    kind,
                    (database, dir) -> bench.waitOfB(
                            database,
                            dir,
                            "A at pro's running quota " + "(2), B pro, 4 workers: 2 of them idle beside A's queue",
                            new JobQuota(1000, 2, 1),
                            PRO,
                            4,
                            B_ROUNDS));
            bench.inFreshDatabase(kind, (database, dir) -> bench.drain(database, dir, 1, JobQuota.UNLIMITED));
            bench.inFreshDatabase(kind, (database, dir) -> bench.drain(database, dir, TENANTS, PRO_PLUS));
        }
    }

    private interface Run {
        void run(Database database, Path dataDir) throws Exception;
    }

    private void inFreshDatabase(TestDatabase.Kind kind, Run run) throws Exception {
        Path dataDir = Files.createTempDirectory("fairness-bench-");
        try (TestDatabase test = TestDatabase.create(kind);
                Database database = Database.open(test.url(), dataDir)) {
            run.run(database, dataDir);
        } finally {
            TempTree.delete(dataDir);
        }
    }

    private static EngineSettings settings(int workers, int queueCapacity) {
        return new EngineSettings(
                "bench",
                workers,
                Duration.ofSeconds(30),
                Duration.ofSeconds(1),
                Duration.ofMillis(500),
                1,
                Duration.ofSeconds(1),
                Duration.ofHours(1),
                queueCapacity,
                ServerConfig.DEFAULT_JOB_STALL_TIMEOUT);
    }

    private JobEngine engine(Database database, Path dataDir, EngineSettings settings) {
        JobWakeup wakeup = database.dialect() == Dialect.POSTGRESQL ? new PostgresWakeup(database) : new LocalWakeup();
        return new JobEngine(
                new JdbcJobStore(database),
                new FileResultStore(dataDir),
                List.of(new Sleep()),
                wakeup,
                Clock.systemUTC(),
                settings);
    }

    /** A's 500 jobs first, then B's one job at a time, each once every worker is busy again. */
    private void waitOfB(Database database, Path dataDir, String title, JobQuota a, JobQuota b, int workers, int rounds)
            throws Exception {
        try (JobEngine engine = engine(database, dataDir, settings(workers, ServerConfig.DEFAULT_JOB_QUEUE_CAPACITY))
                .start()) {
            for (int i = 0; i < A_JOBS; i++) {
                engine.submit(new NewJob(JobId.random(), "sleep", "a", "h", Long.toString(D.toMillis()), 1, a));
            }
            double[] waits = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                Thread.sleep(D.toMillis() + 37); // every worker is busy again, at some phase of its job
                bStarted = new CountDownLatch(1);
                JobId id = JobId.random();
                long submitted = System.nanoTime();
                engine.submit(new NewJob(id, "sleep", "b", "h", "0", 1, b));
                if (!bStarted.await(10, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("B's job never ran");
                }
                waits[round] = (startedAt.get(id) - submitted) / (double) D.toNanos();
            }
            Arrays.sort(waits);
            long aLeft = engine.queued();
            System.out.printf(
                    "%s: B waited %.2f D median, %.2f D max over %d jobs (D = %d ms; %d of A's jobs still "
                            + "queued; first-in-first-out: %d D)%n",
                    title, waits[rounds / 2], waits[rounds - 1], rounds, D.toMillis(), aLeft, A_JOBS / workers);
        }
    }

    /** Claim rate: the jobs are queued first (no worker running), then 8 workers claim, run and complete them. */
    private void drain(Database database, Path dataDir, int tenants, JobQuota quota) throws Exception {
        try (JobEngine filler = engine(database, dataDir, settings(8, Integer.MAX_VALUE))) {
            for (int i = 0; i < DRAIN_JOBS; i++) {
                filler.submit(new NewJob(JobId.random(), "sleep", "t" + (i % tenants), "h", "0", 1, quota));
            }
        }
        drained = new CountDownLatch(DRAIN_JOBS);
        long started = System.nanoTime();
        try (JobEngine engine =
                engine(database, dataDir, settings(8, Integer.MAX_VALUE)).start()) {
            if (!drained.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException(drained.getCount() + " jobs never ran");
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "claim rate: %d queued no-op jobs of %d tenant(s) (%s) claimed, run and completed in "
                        + "%.2f s = %.0f jobs/s, 8 workers%n",
                DRAIN_JOBS,
                tenants,
                quota.equals(JobQuota.UNLIMITED) ? "unlimited" : "8 running each",
                seconds,
                DRAIN_JOBS / seconds);
    }

    /** Sleeps for the milliseconds its payload says. */
    private final class Sleep implements JobHandler {
        @Override
        public String kind() {
            return "sleep";
        }

        @Override
        public JobResult run(Job job, JobContext context) throws Exception {
            startedAt.put(job.id(), System.nanoTime());
            if (job.owner().equals("b")) {
                bStarted.countDown();
            }
            long millis = Long.parseLong(job.payload());
            if (millis > 0) {
                Thread.sleep(millis);
            }
            if (job.owner().startsWith("t")) {
                drained.countDown();
            }
            return new JobResult(0, "0".repeat(64), "text/plain", "none");
        }
    }
}
