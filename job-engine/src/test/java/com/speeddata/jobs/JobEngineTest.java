package com.speeddata.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobEngineTest {
    private final InMemoryJobStore store = new InMemoryJobStore();
    private final List<JobEngine> engines = new ArrayList<>();
    private final List<String> deleted = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<ResultFile> files = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        engines.forEach(JobEngine::close);
    }

    private JobEngine engine(String instance, JobHandler handler, Duration lease) {
        return engine(instance, handler, lease, 3, Duration.ofHours(1));
    }

    private JobEngine engine(
            String instance, JobHandler handler, Duration lease, int maxAttempts, Duration stallTimeout) {
        EngineSettings settings = new EngineSettings(
                instance,
                1,
                lease,
                Duration.ofMillis(50),
                Duration.ofMillis(20),
                maxAttempts,
                Duration.ofMillis(50),
                Duration.ofHours(1),
                100,
                stallTimeout);
        JobEngine engine = new JobEngine(
                        store, new NoFiles(), List.of(handler), new LocalWakeup(), Clock.systemUTC(), settings)
                .start();
        engines.add(engine);
        return engine;
    }

    private static NewJob newJob() {
        return new NewJob(JobId.random(), "test", "owner", "hash", "{}", 3);
    }

    private Job awaitJob(JobId id, Predicate<Job> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Optional<Job> job = store.find(id);
            if (job.isPresent() && condition.test(job.get())) {
                return job.get();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("job " + id + " never reached the condition: " + store.find(id));
    }

    @Test
    void a_submitted_job_runs_to_completion_with_its_result() throws Exception {
        JobEngine engine = engine(
                "i1",
                handler(context -> {
                    context.progress(50, "half way");
                    return result();
                }),
                Duration.ofSeconds(5));
        NewJob job = newJob();
        assertTrue(engine.submit(job).created());
        Job done = awaitJob(job.id(), j -> j.status() == JobStatus.COMPLETED);
        assertEquals(result(), done.result());
        assertEquals(1, done.attempts());
        assertTrue(done.expiresAt().isAfter(done.finishedAt()));
    }

    @Test
    void progress_is_persisted_while_the_job_runs() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        JobEngine engine = engine(
                "i1",
                handler(context -> {
                    context.progress(10, "starting");
                    Thread.sleep(50);
                    context.progress(42, "ch2");
                    release.await(20, TimeUnit.SECONDS);
                    return result();
                }),
                Duration.ofSeconds(5));
        NewJob job = newJob();
        engine.submit(job);
        Job running = awaitJob(job.id(), j -> j.progress().percent() == 42);
        assertEquals("ch2", running.progress().message());
        release.countDown();
        awaitJob(job.id(), j -> j.status() == JobStatus.COMPLETED);
    }

    @Test
    void cancel_reaches_a_running_job_at_its_next_progress_report() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        JobEngine engine = engine(
                "i1",
                handler(context -> {
                    started.countDown();
                    for (int i = 0; i < 2000; i++) {
                        context.progress(i / 20, "working");
                        Thread.sleep(10);
                    }
                    return result();
                }),
                Duration.ofSeconds(5));
        NewJob job = newJob();
        engine.submit(job);
        assertTrue(started.await(20, TimeUnit.SECONDS));
        engine.cancel(job.id());
        Job cancelled = awaitJob(job.id(), j -> j.status() == JobStatus.CANCELLED);
        assertTrue(cancelled.finishedAt() != null);
    }

    @Test
    void a_failing_attempt_is_retried_until_it_succeeds() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        JobEngine engine = engine(
                "i1",
                handler(context -> {
                    if (attempts.incrementAndGet() < 3) {
                        throw new IllegalStateException("flaky");
                    }
                    return result();
                }),
                Duration.ofSeconds(5));
        NewJob job = newJob();
        engine.submit(job);
        Job done = awaitJob(job.id(), j -> j.status() == JobStatus.COMPLETED);
        assertEquals(3, done.attempts());
    }

    @Test
    void a_finished_job_whose_completion_meets_a_database_outage_completes_without_another_attempt() throws Exception {
        JobEngine engine = engine(
                "i1",
                handler(context -> {
                    store.failReleases(3); // down for the first three tries: 100 + 200 + 400 ms of backoff
                    return result();
                }),
                Duration.ofSeconds(5));
        NewJob job = newJob();
        engine.submit(job);
        Job done = awaitJob(job.id(), j -> j.status() == JobStatus.COMPLETED);
        assertEquals(1, done.attempts(), "the run that finished counts once");
        assertEquals(result(), done.result());
    }

    @Test
    void a_failed_attempt_whose_retry_meets_a_database_outage_is_queued_again_at_once() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        JobEngine engine = engine(
                "i1",
                handler(context -> {
                    if (attempts.incrementAndGet() == 1) {
                        store.failReleases(2);
                        throw new IllegalStateException("flaky");
                    }
                    return result();
                }),
                Duration.ofSeconds(30));
        NewJob job = newJob();
        long start = System.nanoTime();
        engine.submit(job);
        Job done = awaitJob(job.id(), j -> j.status() == JobStatus.COMPLETED);
        assertEquals(2, done.attempts());
        assertTrue(
                System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20),
                "released within the outage, not after the 30 s lease");
    }

    @Test
    void a_job_taken_over_by_a_new_attempt_deletes_the_file_its_earlier_attempt_left_at_once() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        List<String> presentAtSecondAttempt = new ArrayList<>();
        NewJob job = newJob();
        JobEngine engine = engine(
                "i1",
                handler(context -> {
                    if (attempts.incrementAndGet() == 1) {
                        files.add(new ResultFile("partial-of-attempt-1", job.id(), 1, java.time.Instant.now()));
                        throw new IllegalStateException("killed mid-write");
                    }
                    presentAtSecondAttempt.addAll(deleted);
                    return result();
                }),
                Duration.ofSeconds(5));
        engine.submit(job);
        awaitJob(job.id(), j -> j.status() == JobStatus.COMPLETED);
        assertEquals(
                List.of("partial-of-attempt-1"),
                presentAtSecondAttempt,
                "deleted when attempt 2 started, not an hour later by the sweep");
    }

    @Test
    void a_non_retryable_failure_fails_at_once_with_its_code() throws Exception {
        JobEngine engine = engine(
                "i1",
                handler(context -> {
                    throw new JobFailure("INVALID_REQUEST", "no such signal", false, null);
                }),
                Duration.ofSeconds(5));
        NewJob job = newJob();
        engine.submit(job);
        Job failed = awaitJob(job.id(), j -> j.status() == JobStatus.FAILED);
        assertEquals(new JobError("INVALID_REQUEST", "no such signal"), failed.error());
        assertEquals(1, failed.attempts());
    }

    @Test
    void a_write_that_finds_the_disk_full_fails_the_job_as_disk_full_without_using_its_retries() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        JobEngine engine = engine(
                "i1",
                handler(context -> {
                    attempts.incrementAndGet();
                    // What FileChannel.write throws on ENOSPC, wrapped as jHDF wraps it.
                    throw new IllegalStateException("write failed", new java.io.IOException("No space left on device"));
                }),
                Duration.ofSeconds(5));
        NewJob job = newJob();
        engine.submit(job);
        Job failed = awaitJob(job.id(), j -> j.status() == JobStatus.FAILED);
        assertEquals(InsufficientStorageException.JOB_ERROR_CODE, failed.error().code());
        assertEquals(1, failed.attempts());
        assertEquals(1, attempts.get());
    }

    @Test
    void a_job_refused_room_for_its_result_fails_as_disk_full_at_once() throws Exception {
        JobEngine engine = engine(
                "i1",
                handler(context -> {
                    throw new InsufficientStorageException("the result directory holds its cap", 10, 2);
                }),
                Duration.ofSeconds(5));
        NewJob job = newJob();
        engine.submit(job);
        Job failed = awaitJob(job.id(), j -> j.status() == JobStatus.FAILED);
        assertEquals(new JobError("DISK_FULL", "the result directory holds its cap"), failed.error());
        assertEquals(1, failed.attempts());
    }

    @Test
    void deleting_a_completed_result_expires_the_job_and_deletes_its_file() throws Exception {
        JobEngine engine = engine("i1", handler(context -> result()), Duration.ofSeconds(5));
        NewJob job = newJob();
        engine.submit(job);
        awaitJob(job.id(), j -> j.status() == JobStatus.COMPLETED);
        assertEquals(
                JobStatus.EXPIRED, engine.discardResult(job.id()).orElseThrow().status());
        assertEquals(List.of(result().location()), deleted);
    }

    @Test
    void a_job_whose_worker_hangs_without_heartbeat_is_finished_by_another_instance() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch survivorDone = new CountDownLatch(1);
        JobEngine hanging = engine(
                "hanging",
                handler(context -> {
                    firstStarted.countDown();
                    awaitIgnoringInterrupts(survivorDone);
                    return new JobResult(1, "11".repeat(32), "text/plain", "r/late");
                }),
                Duration.ofMillis(300));
        NewJob job = newJob();
        hanging.submit(job);
        assertTrue(firstStarted.await(20, TimeUnit.SECONDS));
        hanging.close(); // heartbeats stop while the handler hangs on: the lease runs out as after kill -9
        engine("survivor", handler(context -> result()), Duration.ofMillis(300));
        Job done = awaitJob(job.id(), j -> j.status() == JobStatus.COMPLETED);
        survivorDone.countDown();
        assertEquals(2, done.attempts());
        assertEquals(result(), done.result());
        Thread.sleep(200);
        assertEquals(result(), store.find(job.id()).orElseThrow().result(), "the late worker's result is refused");
    }

    @Test
    void a_job_that_reports_no_progress_for_the_stall_timeout_is_interrupted_and_run_again() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch interrupted = new CountDownLatch(1);
        JobEngine engine = engine(
                "i1",
                handler(context -> {
                    if (attempts.incrementAndGet() == 1) {
                        context.progress(10, "started, then hangs");
                        try {
                            Thread.sleep(30_000); // blocked, as on a hung read
                        } catch (InterruptedException e) {
                            interrupted.countDown();
                            throw e;
                        }
                    }
                    return result();
                }),
                Duration.ofMillis(300),
                3,
                Duration.ofMillis(400));
        NewJob job = newJob();
        engine.submit(job);
        Job done = awaitJob(job.id(), j -> j.status() == JobStatus.COMPLETED);
        assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the hung handler was interrupted");
        assertEquals(2, done.attempts());
        assertEquals(result(), done.result());

        NewJob next = newJob(); // the engine's one worker, interrupted above, still takes jobs
        engine.submit(next);
        assertEquals(
                1, awaitJob(next.id(), j -> j.status() == JobStatus.COMPLETED).attempts());
        assertEquals(3, attempts.get());
    }

    @Test
    void a_job_stalled_on_its_last_attempt_fails_as_stalled() throws Exception {
        JobEngine engine = engine(
                "i1",
                handler(context -> {
                    awaitIgnoringInterrupts(new CountDownLatch(1), Duration.ofSeconds(2)); // not even interruptible
                    return result();
                }),
                Duration.ofMillis(300),
                1,
                Duration.ofMillis(400));
        NewJob job = new NewJob(JobId.random(), "test", "owner", "hash", "{}", 1);
        engine.submit(job);
        Job failed = awaitJob(job.id(), j -> j.status() == JobStatus.FAILED);
        assertEquals("JOB_STALLED", failed.error().code());
        Thread.sleep(2_500);
        assertEquals(JobStatus.FAILED, store.find(job.id()).orElseThrow().status(), "the late result is refused");
        assertTrue(deleted.contains(result().location()), "and its file deleted: " + deleted);
    }

    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        awaitIgnoringInterrupts(latch, Duration.ofSeconds(30));
    }

    private static void awaitIgnoringInterrupts(CountDownLatch latch, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (latch.getCount() > 0 && System.nanoTime() < deadline) {
            try {
                latch.await(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException ignored) {
                // a hung worker does not react to interrupts
            }
        }
    }

    private static JobResult result() {
        return new JobResult(3, "00".repeat(32), "text/plain", "r/x");
    }

    private static JobHandler handler(Work work) {
        return new JobHandler() {
            @Override
            public String kind() {
                return "test";
            }

            @Override
            public JobResult run(Job job, JobContext context) throws Exception {
                return work.run(context);
            }
        };
    }

    @Test
    void a_sweep_deletes_old_files_no_job_will_use_and_keeps_results_running_attempts_and_recent_files() {
        // Files of a job that does not exist may be inline exports being written or sent: they are left a day.
        java.time.Instant now = java.time.Instant.now();
        java.time.Instant old = now.minus(JobEngine.ORPHAN_GRACE).minusSeconds(1);
        Duration lease = Duration.ofMinutes(1);
        NewJob running = newJob();
        store.submit(running, now, 100);
        store.claim("w", java.util.Set.of("test"), now, lease);
        NewJob retrying = newJob();
        store.submit(retrying, now, 100);
        store.claim("w", java.util.Set.of("test"), now, lease);
        store.retry(retrying.id(), "w", new JobError("X", "again later"), now.plusSeconds(60));
        NewJob completed = newJob();
        store.submit(completed, now, 100);
        store.claim("w", java.util.Set.of("test"), now, lease);
        store.complete(
                completed.id(),
                "w",
                new JobResult(1, "0".repeat(64), "text/csv", "result.csv"),
                now,
                now.plusSeconds(3600));
        JobId unknown = JobId.random();
        files.addAll(List.of(
                new ResultFile("running-1", running.id(), 1, old),
                new ResultFile("retrying-1", retrying.id(), 1, old),
                new ResultFile("result.csv", completed.id(), 1, old),
                new ResultFile("completed-0", completed.id(), 0, old),
                new ResultFile(
                        "unknown-a-day-old",
                        unknown,
                        1,
                        now.minus(JobEngine.UNKNOWN_JOB_GRACE).minusSeconds(1)),
                new ResultFile("unknown-an-hour-old", unknown, 1, old),
                new ResultFile("unknown-recent", unknown, 1, now.minusSeconds(60))));

        JobEngine engine = new JobEngine(
                store,
                new NoFiles(),
                List.of(handler(context -> result())),
                new LocalWakeup(),
                Clock.systemUTC(),
                new EngineSettings(
                        "i1",
                        1,
                        lease,
                        Duration.ofMillis(50),
                        Duration.ofMillis(20),
                        3,
                        Duration.ofMillis(50),
                        Duration.ofHours(1),
                        100,
                        Duration.ofHours(1)));
        engines.add(engine);

        assertEquals(3, engine.sweepOrphans());
        assertEquals(List.of("retrying-1", "completed-0", "unknown-a-day-old"), deleted);
    }

    @FunctionalInterface
    private interface Work {
        JobResult run(JobContext context) throws Exception;
    }

    private final class NoFiles implements ResultStore {
        @Override
        public Path newFile(JobId id, int attempt, String extension) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JobResult describe(Path file, String contentType) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JobResult describe(Path file, String contentType, long bytes, String sha256) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Path> open(String location) {
            return Optional.empty();
        }

        @Override
        public List<ResultFile> files() {
            return files;
        }

        @Override
        public void delete(String location) {
            deleted.add(location);
        }
    }
}
