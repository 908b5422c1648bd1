package com.speeddata.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.jobs.Job;
import com.speeddata.jobs.JobStatus;
import com.speeddata.jobs.access.Caller;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export use case without HTTP: which answer each export gets, and that inline bounds are held and given back. */
class ExportServiceTest {
    private static final long GIGABYTE = 1L << 30;

    @TempDir
    Path dir;

    private ExportFixture fixture;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private ExportService service(LongFunction<ExportSettings> settings) {
        fixture = new ExportFixture(dir, settings);
        return fixture.service;
    }

    @Test
    void a_small_auto_export_is_streamed_and_writes_itself_into_the_channel_it_is_given() throws IOException {
        ExportService service = service(estimate -> ExportFixture.settings(GIGABYTE, 4, GIGABYTE));
        ExportOutcome outcome = service.export(fixture.order("auto"));
        ExportOutcome.Inline.Streamed streamed = assertInstanceOf(ExportOutcome.Inline.Streamed.class, outcome);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (streamed) {
            streamed.writeTo(Channels.newChannel(out));
        }
        assertArrayEquals(GatedSink.contents(streamed.prepared().plan()), out.toByteArray());
        assertEquals(0, fixture.engine.queued(), "no job");
        assertEquals(0, fileCount(), "no file");
    }

    @Test
    void an_auto_export_over_the_sync_size_is_queued_with_an_estimated_completion() throws IOException {
        ExportService service = service(estimate -> ExportFixture.settings(estimate - 1, 4, GIGABYTE));
        Instant before = Instant.now();
        ExportOutcome.Queued queued =
                assertInstanceOf(ExportOutcome.Queued.class, service.export(fixture.order("auto")));
        assertEquals(JobStatus.QUEUED, queued.job().status());
        assertEquals(ExportJobs.KIND, queued.job().kind());
        assertEquals(1, fixture.engine.queued());
        assertFalse(queued.estimatedCompletion().isBefore(before.plus(queued.expectedWait())));
        assertTrue(fixture.jobs.find(Caller.LOCAL.tenant(), queued.job().id()).isPresent());
    }

    @Test
    void respond_async_queues_an_auto_export_that_would_run_inline_but_not_an_explicit_sync_one() throws IOException {
        ExportService service = service(estimate -> ExportFixture.settings(GIGABYTE, 4, GIGABYTE));
        assertInstanceOf(ExportOutcome.Queued.class, service.export(fixture.order("auto", true, null)));
        try (ExportOutcome.Inline inline = assertInstanceOf(
                ExportOutcome.Inline.Streamed.class, service.export(fixture.order("sync", true, null)))) {
            assertEquals(1, fixture.engine.queued(), "the sync export made no job");
        }
    }

    @Test
    void a_sync_export_larger_than_the_inline_bytes_bound_is_refused_as_too_large_and_an_auto_one_queued()
            throws IOException {
        ExportService service = service(estimate -> ExportFixture.settings(GIGABYTE, 4, estimate - 1));
        assertThrows(InlineExportRefusedException.TooLarge.class, () -> service.export(fixture.order("sync")));
        assertInstanceOf(ExportOutcome.Queued.class, service.export(fixture.order("auto")));
    }

    @Test
    void while_inline_exports_are_at_their_bound_sync_is_refused_as_busy_and_auto_queued_until_one_ends()
            throws IOException {
        ExportService service = service(estimate -> ExportFixture.settings(GIGABYTE, 1, GIGABYTE));
        ExportOutcome.Inline first = (ExportOutcome.Inline) service.export(fixture.order("auto"));
        assertThrows(InlineExportRefusedException.Busy.class, () -> service.export(fixture.order("sync")));
        assertInstanceOf(ExportOutcome.Queued.class, service.export(fixture.order("auto")));
        first.close();
        try (ExportOutcome.Inline again = (ExportOutcome.Inline) service.export(fixture.order("sync"))) {
            assertInstanceOf(ExportOutcome.Inline.Streamed.class, again);
        }
    }

    @Test
    void an_export_the_meter_puts_near_the_timeout_is_written_to_a_file_which_closing_deletes() throws IOException {
        ExportService service = service(estimate -> ExportFixture.settings(GIGABYTE, 1, GIGABYTE));
        fixture.slowMeter();
        ExportOutcome.Inline.File file =
                assertInstanceOf(ExportOutcome.Inline.File.class, service.export(fixture.order("sync")));
        assertArrayEquals(GatedSink.contents(file.prepared().plan()), Files.readAllBytes(file.path()));
        assertEquals(Files.size(file.path()), file.size());
        assertThrows(
                InlineExportRefusedException.Busy.class,
                () -> service.export(fixture.order("sync")),
                "the file holds its permit until sent");
        file.close();
        assertFalse(Files.exists(file.path()));
        try (ExportOutcome.Inline again = (ExportOutcome.Inline) service.export(fixture.order("sync"))) {
            assertInstanceOf(ExportOutcome.Inline.File.class, again);
        }
    }

    @Test
    void an_auto_export_past_its_wait_becomes_a_running_job_that_completes_with_the_file_it_was_writing()
            throws Exception {
        ExportService service =
                service(estimate -> ExportFixture.settings(GIGABYTE, Duration.ofSeconds(10), 1, GIGABYTE));
        fixture.slowMeter();
        fixture.sink.hold();
        ExportOutcome.Queued queued = assertInstanceOf(
                ExportOutcome.Queued.class, service.export(fixture.order("auto", false, Duration.ZERO)));
        assertEquals(JobStatus.RUNNING, queued.job().status(), "adopted, not queued");
        assertEquals(0, fixture.engine.queued());
        fixture.sink.release();
        Job done = awaitEnd(queued.job());
        assertEquals(JobStatus.COMPLETED, done.status());
        Path file = fixture.results.open(done.result().location()).orElseThrow();
        assertArrayEquals(GatedSink.contents(queued.prepared().plan()), Files.readAllBytes(file));
        try (ExportOutcome.Inline next = exportOnceFree("sync")) {
            assertInstanceOf(ExportOutcome.Inline.File.class, next);
        }
    }

    @Test
    void a_sync_export_past_the_timeout_is_refused_and_its_write_stopped() throws Exception {
        ExportService service =
                service(estimate -> ExportFixture.settings(GIGABYTE, Duration.ofMillis(100), 1, GIGABYTE));
        fixture.slowMeter();
        fixture.sink.hold();
        assertThrows(InlineExportRefusedException.TimedOut.class, () -> service.export(fixture.order("sync")));
        // The write, still held, sees the abandonment at its next progress report and deletes its file.
        Instant deadline = Instant.now().plusSeconds(5);
        while (fileCount() > 0) {
            assertTrue(Instant.now().isBefore(deadline), "the abandoned write ran on");
            Thread.sleep(10);
        }
        fixture.sink.release();
        try (ExportOutcome.Inline next = exportOnceFree("sync")) {
            assertInstanceOf(ExportOutcome.Inline.File.class, next, "the stopped write gave its permit back");
            assertEquals(1, fileCount());
        }
        assertEquals(0, fixture.engine.queued(), "a sync export never becomes a job");
    }

    /** The export, once the inline bound has room for it (a permit comes back as the write's last act). */
    private ExportOutcome.Inline exportOnceFree(String execution) throws Exception {
        Instant deadline = Instant.now().plusSeconds(5);
        while (true) {
            try {
                return (ExportOutcome.Inline) fixture.service.export(fixture.order(execution));
            } catch (InlineExportRefusedException.Busy busy) {
                assertTrue(Instant.now().isBefore(deadline), "the inline permit never came back");
                Thread.sleep(10);
            }
        }
    }

    private long fileCount() throws IOException {
        try (var files = Files.list(dir)) {
            return files.count();
        }
    }

    private Job awaitEnd(Job job) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(5);
        while (Instant.now().isBefore(deadline)) {
            Job now = fixture.engine.find(job.id()).orElseThrow();
            if (now.status() != JobStatus.RUNNING) {
                return now;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("job " + job.id() + " still running");
    }
}
