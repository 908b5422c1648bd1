package com.speeddata.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.jobs.JobId;
import com.speeddata.jobs.JobStatus;
import com.speeddata.jobs.NewJob;
import com.speeddata.pivot.catalog.SignalDefinition;
import com.speeddata.pivot.catalog.SignalKey;
import com.speeddata.pivot.sample.SampleBlock;
import com.speeddata.scoring.events.EventId;
import com.speeddata.scoring.events.NewEvent;
import com.speeddata.storage.events.JdbcEventStore;
import com.speeddata.storage.jobs.JdbcJobStore;
import com.speeddata.storage.pivot.JdbcCatalog;
import com.speeddata.storage.pivot.JdbcSampleStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the embedded store told a client it stored survives the process dying the instant after: H2 alone writes its
 * file about once a second, so without {@link DurableCommits} all of this is lost (the tables too, on a new file).
 */
class EmbeddedCrashTest {
    private static final SignalKey KEY = new SignalKey("rig", "voltage");
    private static final UUID JOB = UUID.fromString("5d6c1f0e-9a3b-4c2d-8e7f-1a2b3c4d5e6f");
    private static final EventId EVENT =
            EventId.parse("0b9a8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d").orElseThrow();

    @Test
    void signals_samples_a_queued_job_and_events_survive_a_halt_right_after_they_were_stored(@TempDir Path dir)
            throws Exception {
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        StoreThenHalt.class.getName(),
                        dir.resolve("data").toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child never finished");
        assertTrue(Files.readString(log).contains("stored"), Files.readString(log));

        try (Database db = Database.open(null, dir.resolve("data"))) {
            assertEquals(
                    3,
                    new JdbcCatalog(db.dataSource(), "local")
                            .find(KEY)
                            .orElseThrow()
                            .stats()
                            .samples());
            assertEquals(
                    JobStatus.QUEUED,
                    new JdbcJobStore(db).find(new JobId(JOB)).orElseThrow().status());
            assertEquals(1, new JdbcEventStore(db).get("local", List.of(EVENT)).size());
        }
    }

    /** The child process: stores through the adapters, says so, and dies at once like a kill -9 (no hooks run). */
    public static final class StoreThenHalt {
        public static void main(String[] args) {
            Database db = Database.open(null, Path.of(args[0]));
            new JdbcCatalog(db.dataSource(), "local").define(new SignalDefinition(KEY, "V", 10.0, ""));
            new JdbcSampleStore(db.dataSource(), "local")
                    .write(
                            KEY,
                            List.of(new SampleBlock(new long[] {1, 2, 3}, new double[] {4, 5, 6}))
                                    .iterator());
            new JdbcJobStore(db).submit(new NewJob(new JobId(JOB), "noop", "local", "h", "{}", 1), Instant.now(), 10);
            new JdbcEventStore(db)
                    .add(
                            "local",
                            List.of(new NewEvent(
                                    EVENT, "ACME", "Acme beats estimates", Instant.parse("2026-01-02T03:04:05Z"))),
                            Instant.now());
            System.out.println("stored");
            System.out.flush();
            Runtime.getRuntime().halt(0);
        }
    }
}
