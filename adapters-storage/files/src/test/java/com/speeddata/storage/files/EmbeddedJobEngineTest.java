package com.speeddata.storage.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.speeddata.jobs.EngineSettings;
import com.speeddata.jobs.InMemoryJobStore;
import com.speeddata.jobs.Job;
import com.speeddata.jobs.JobContext;
import com.speeddata.jobs.JobEngine;
import com.speeddata.jobs.JobHandler;
import com.speeddata.jobs.JobId;
import com.speeddata.jobs.JobResult;
import com.speeddata.jobs.JobStatus;
import com.speeddata.jobs.LocalWakeup;
import com.speeddata.jobs.NewJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example of job-engine/README.md, kept compiling and passing: a job engine with no database. */
class EmbeddedJobEngineTest {

    /** Writes the job's payload, upper-cased, to its result file. */
    static final class ShoutHandler implements JobHandler {
        private final FileResultStore results;

        ShoutHandler(FileResultStore results) {
            this.results = results;
        }

        @Override
        public String kind() {
            return "shout";
        }

        @Override
        public JobResult run(Job job, JobContext context) throws Exception {
            context.progress(50, "shouting");
            Path file = results.newFile(job.id(), job.attempts(), "txt");
            Files.writeString(file, job.payload().toUpperCase(java.util.Locale.ROOT));
            return results.describe(file, "text/plain");
        }
    }

    @Test
    void a_job_runs_on_the_in_memory_store_and_leaves_its_file(@TempDir Path dir) throws Exception {
        InMemoryJobStore store = new InMemoryJobStore();
        FileResultStore results = new FileResultStore(dir);
        EngineSettings settings = new EngineSettings(
                "example", // instance id
                2, // workers
                Duration.ofSeconds(30), // lease
                Duration.ofSeconds(1), // poll interval
                Duration.ofMillis(200), // progress throttle
                3, // attempts
                Duration.ofSeconds(1), // retry backoff
                Duration.ofHours(1), // result TTL
                100, // queue capacity
                Duration.ofMinutes(5)); // stall timeout
        try (JobEngine engine = new JobEngine(
                        store,
                        results,
                        List.of(new ShoutHandler(results)),
                        new LocalWakeup(),
                        Clock.systemUTC(),
                        settings)
                .start()) {
            JobId id = JobId.random();
            engine.submit(new NewJob(id, "shout", "tenant-1", "request-hash", "hello", 3));
            Job job = engine.find(id).orElseThrow();
            for (int i = 0; i < 500 && job.status() != JobStatus.COMPLETED; i++) {
                Thread.sleep(10);
                job = engine.find(id).orElseThrow();
            }
            assertEquals(JobStatus.COMPLETED, job.status());
            Path file = results.open(job.result().location()).orElseThrow();
            assertEquals("HELLO", Files.readString(file));
        }
    }
}
