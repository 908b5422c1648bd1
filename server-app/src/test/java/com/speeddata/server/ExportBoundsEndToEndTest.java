package com.speeddata.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.speeddata.storage.files.SmallFilesystem;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 10, bounds on disk and on inline exports, end to end on both stores: inline exports are bounded by count
 * and bytes, an export that would not fit the result directory's disk (a real small filesystem) is refused before
 * it starts, a job that runs the disk full fails as DISK_FULL at once, and DELETE frees a finished job's file.
 */
class ExportBoundsEndToEndTest {
    private static final String T0 = "2025-01-23T14:00:00Z";
    private static final long T0_NS = 1_737_640_800_000_000_000L;
    private static final String EXPORT = "/api/v1/pivot/export";

    @TempDir
    Path dataDir;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    private RunningServer server(TestDatabase.Kind kind, Map<String, String> env) {
        TestDatabase database = TestDatabase.create(kind);
        opened.add(database);
        RunningServer server = RunningServer.start(database, dataDir, env);
        opened.add(server);
        return server;
    }

    /** The result directory (DATA_DIR/exports) on a tmpfs of this size; the embedded database stays on the disk. */
    private SmallFilesystem smallResultDisk(int megabytes) throws Exception {
        SmallFilesystem disk = SmallFilesystem.mount(dataDir.resolve("exports"), megabytes);
        opened.add(disk);
        return disk;
    }

    /** Two 1 kHz signals over {@code seconds}. */
    private static void ingestRegular(RunningServer server, int seconds) {
        for (String signal : List.of("a", "b")) {
            server.json("PUT", "/api/v1/channels/rig/signals/" + signal, "{\"unit\": \"V\", \"sample_rate_hz\": 1000}");
            double[] values = new double[seconds * 1000];
            for (int i = 0; i < values.length; i++) {
                values[i] = Math.sin(i / 100.0);
            }
            HttpResponse<byte[]> response = server.send(
                    "POST",
                    "/api/v1/channels/rig/signals/" + signal + "/samples?start=" + T0,
                    "application/octet-stream",
                    PivotExportEndToEndTest.float64(values));
            assertEquals(200, response.statusCode(), new String(response.body()));
        }
    }

    private static String aligned(String duration, String extra) {
        return "{\"time_range\": {\"start\": \"" + T0 + "\", \"duration\": \"" + duration + "\"}, "
                + "\"channels\": [\"rig\"]" + extra + "}";
    }

    private static void assertProblem(HttpResponse<byte[]> response, int status, String code) {
        assertEquals(status, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        assertEquals(
                "application/problem+json",
                response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(code, RunningServer.body(response).get("code").asText());
    }

    private static JsonNode awaitStatus(RunningServer server, String pollUrl, String status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonNode job;
        do {
            job = RunningServer.body(server.get(pollUrl));
            if (job.get("status").asText().equals(status)) {
                return job;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("job never became " + status + ": " + job);
    }

    private List<Path> resultFiles() throws Exception {
        try (Stream<Path> files = Files.list(dataDir.resolve("exports"))) {
            return files.filter(f -> !f.getFileName().toString().startsWith("filler"))
                    .toList();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void sync_exports_past_the_concurrency_bound_get_503_and_auto_ones_are_queued_instead(TestDatabase.Kind kind)
            throws Exception {
        RunningServer server = server(kind, Map.of("SYNC_MAX_CONCURRENT", "1"));
        ingestRegular(server, 60);
        String small = aligned("PT1S", ", \"execution\": \"sync\"");
        // A client that asks for a 96 MB inline export (more than the kernel's send and receive buffers could take
        // in: up to 32 MB each here) and reads nothing past the status line holds the one inline slot while the
        // server waits to send the rest (at most SlowClientLimits.BLOCKING_IO_TIMEOUT without progress).
        byte[] body = aligned("PT60S", ", \"interval\": \"PT0.00001S\", \"execution\": \"sync\"")
                .getBytes(StandardCharsets.UTF_8);
        try (Socket stalled = stalledExport(server, body)) {
            HttpResponse<byte[]> busy = awaitStatusCode(server, small, 503);
            assertProblem(busy, 503, "EXPORTS_BUSY");
            assertTrue(busy.headers().firstValue("Retry-After").isPresent());
            assertEquals(
                    "async",
                    RunningServer.body(busy).get("suggestion").get("execution").asText());

            HttpResponse<byte[]> queued = server.json("POST", EXPORT, aligned("PT1S", ""));
            assertEquals(
                    202,
                    queued.statusCode(),
                    "auto is queued rather than refused: " + new String(queued.body(), StandardCharsets.UTF_8));
            awaitStatus(server, RunningServer.body(queued).get("poll_url").asText(), "completed");
        }
        HttpResponse<byte[]> freed = awaitStatusCode(server, small, 200);
        assertEquals(
                "application/x-hdf5",
                freed.headers().firstValue("Content-Type").orElseThrow(),
                "the slot comes back once the stalled client is gone");
    }

    /**
     * Sends {@code body} as an inline export from a client that then reads only the status line: once it is 200, the
     * export holds the inline slot while the server waits to send the rest. Sent again while it answers 503 (another
     * request held the slot at that moment).
     */
    private static Socket stalledExport(RunningServer server, byte[] body) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            Socket socket = new Socket();
            // Set before connecting, a small receive buffer turns off the kernel's autotuning.
            socket.setReceiveBufferSize(4096);
            socket.connect(new java.net.InetSocketAddress(
                    "127.0.0.1", server.application().port()));
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + EXPORT + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            byte[] statusLine = socket.getInputStream().readNBytes("HTTP/1.1 200".length());
            if (new String(statusLine, StandardCharsets.US_ASCII).equals("HTTP/1.1 200")) {
                return socket;
            }
            socket.close();
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "the large inline export never started: " + new String(statusLine, StandardCharsets.US_ASCII));
            }
            Thread.sleep(100);
        }
    }

    /** Sends the export until it answers {@code status} (the stalled request may not hold its slot yet). */
    private static HttpResponse<byte[]> awaitStatusCode(RunningServer server, String body, int status)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        HttpResponse<byte[]> response;
        do {
            response = server.json("POST", EXPORT, body);
            if (response.statusCode() == status) {
                return response;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("never " + status + ": " + response.statusCode() + " "
                + new String(response.body(), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void a_sync_export_larger_than_the_inline_bytes_bound_gets_413_and_an_auto_one_is_queued(TestDatabase.Kind kind)
            throws Exception {
        RunningServer server = server(kind, Map.of("SYNC_MAX_INFLIGHT_BYTES", "100000"));
        ingestRegular(server, 10);
        HttpResponse<byte[]> tooLarge = server.json("POST", EXPORT, aligned("PT10S", ", \"execution\": \"sync\""));
        assertProblem(tooLarge, 413, "SYNC_EXPORT_TOO_LARGE");
        assertEquals(
                "async",
                RunningServer.body(tooLarge).get("suggestion").get("execution").asText());
        HttpResponse<byte[]> queued = server.json("POST", EXPORT, aligned("PT10S", ""));
        assertEquals(202, queued.statusCode(), new String(queued.body(), StandardCharsets.UTF_8));
        awaitStatus(server, RunningServer.body(queued).get("poll_url").asText(), "completed");
        assertEquals(
                200,
                server.json("POST", EXPORT, aligned("PT1S", ", \"execution\": \"sync\""))
                        .statusCode());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void an_export_estimated_beyond_the_free_space_is_refused_with_507_before_it_starts(TestDatabase.Kind kind)
            throws Exception {
        smallResultDisk(8);
        // A sync export the throughput meter (50 MB/s before it has measured one) puts past half of 0.2 s is
        // written to a file first, so it needs the room; one well under it streams and needs none (issue 12).
        RunningServer server = server(kind, Map.of("RESULT_DIR_MIN_FREE_BYTES", "1048576", "SYNC_TIMEOUT", "PT0.2S"));
        ingestRegular(server, 60);
        // 600,000 rows of time and two values: about 14 MB on an 8 MB disk.
        for (String execution : List.of("sync", "async")) {
            HttpResponse<byte[]> refused = server.json(
                    "POST",
                    EXPORT,
                    aligned("PT60S", ", \"interval\": \"PT0.0001S\", \"execution\": \"" + execution + "\""));
            assertProblem(refused, 507, "INSUFFICIENT_STORAGE");
            String detail = RunningServer.body(refused).get("detail").asText();
            assertTrue(!detail.contains(dataDir.toString()), "no path reaches a client: " + detail);
        }
        assertEquals(
                0,
                RunningServer.body(server.get("/api/v1/pivot/jobs")).get("jobs").size(),
                "no job was queued");
        assertEquals(List.of(), resultFiles(), "nothing was written");
        // 60,000 rows (about 1.4 MB) fit.
        assertEquals(
                200,
                server.json("POST", EXPORT, aligned("PT60S", ", \"execution\": \"sync\""))
                        .statusCode());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void a_job_that_runs_the_disk_full_fails_as_disk_full_after_one_attempt_and_leaves_no_file(TestDatabase.Kind kind)
            throws Exception {
        smallResultDisk(8);
        RunningServer server = server(kind, Map.of("RESULT_DIR_MIN_FREE_BYTES", "1048576"));
        ingestClustered(server, 700_000);
        // The estimate assumes the irregular signal's samples spread evenly over its stored span (10,000 s), so a
        // one-second range where 700,000 of them sit is estimated at a few kilobytes: the write finds the disk full.
        String raw = "{\"time_range\": {\"start\": \"2025-01-23T14:16:40Z\", \"duration\": \"PT1S\"}, "
                + "\"channels\": [\"burst\"], \"layout\": \"raw\", \"execution\": \"%s\"}";
        JsonNode estimate = RunningServer.body(server.json("POST", "/api/v1/pivot/estimate", raw.formatted("async")));
        assertTrue(estimate.get("estimated_bytes").asLong() < 1_000_000, estimate.toString());

        HttpResponse<byte[]> accepted = server.json("POST", EXPORT, raw.formatted("async"));
        assertEquals(202, accepted.statusCode(), new String(accepted.body(), StandardCharsets.UTF_8));
        JsonNode failed =
                awaitStatus(server, RunningServer.body(accepted).get("poll_url").asText(), "failed");
        assertEquals("DISK_FULL", failed.get("error").get("code").asText(), failed.toString());
        assertEquals(1, failed.get("attempts").asInt(), "a full disk does not use up the retries");
        assertEquals(List.of(), resultFiles(), "the partial file was deleted");

        HttpResponse<byte[]> streamed = server.json("POST", EXPORT, raw.formatted("sync"));
        assertEquals(200, streamed.statusCode(), "an inline export streams to the client: no room on the disk needed");
        assertTrue(streamed.body().length > 700_000 * 16, "every sample: " + streamed.body().length + " bytes");
        assertEquals(List.of(), resultFiles(), "nothing was written to the result disk");
        assertEquals(
                200,
                server.json(
                                "POST",
                                "/api/v1/pivot/export",
                                "{\"time_range\": {\"start\": "
                                        + "\"2025-01-23T14:00:00Z\", \"duration\": \"PT1S\"}, \"channels\": [\"burst\"], \"layout\": \"raw\", "
                                        + "\"execution\": \"sync\"}")
                        .statusCode(),
                "the freed disk serves the next export");
    }

    /** An irregular signal: one sample at T0, {@code n} within one second 1,000 s later, one at T0 + 10,000 s. */
    private static void ingestClustered(RunningServer server, int n) {
        server.json("PUT", "/api/v1/channels/burst/signals/x", "{\"unit\": \"V\", \"sample_rate_hz\": null}");
        StringBuilder times = new StringBuilder().append(T0_NS);
        StringBuilder values = new StringBuilder("0");
        long burst = T0_NS + 1_000_000_000_000L;
        for (int i = 0; i < n; i++) {
            times.append(',').append(burst + i * 1000L);
            values.append(",1");
        }
        times.append(',').append(T0_NS + 10_000_000_000_000L);
        values.append(",0");
        HttpResponse<byte[]> response = server.json(
                "POST",
                "/api/v1/channels/burst/signals/x/samples",
                "{\"timestamps\": [" + times + "], \"values\": [" + values + "]}");
        assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void deleting_a_finished_job_frees_its_file_and_its_room_and_the_download_answers_410(TestDatabase.Kind kind)
            throws Exception {
        RunningServer server = server(kind, Map.of("RESULT_DIR_MAX_BYTES", "2000000"));
        ingestRegular(server, 60);
        String job = aligned("PT60S", ", \"execution\": \"async\"");
        JsonNode first = RunningServer.body(server.json("POST", EXPORT, job));
        String poll = first.get("poll_url").asText();
        JsonNode done = awaitStatus(server, poll, "completed");
        assertTrue(done.get("result").get("bytes").asLong() > 1_000_000, done.toString());
        assertEquals(1, resultFiles().size());
        assertProblem(server.json("POST", EXPORT, job), 507, "INSUFFICIENT_STORAGE");

        HttpResponse<byte[]> deleted = server.send("DELETE", poll, null, null);
        assertEquals(204, deleted.statusCode(), new String(deleted.body(), StandardCharsets.UTF_8));
        assertEquals(0, deleted.body().length);
        assertEquals(List.of(), resultFiles(), "the file is gone at once");
        JsonNode expired = RunningServer.body(server.get(poll));
        assertEquals("expired", expired.get("status").asText());
        assertTrue(expired.get("download_url").isNull());
        assertProblem(server.get(poll + "/download"), 410, "RESULT_EXPIRED");
        assertEquals(204, server.send("DELETE", poll, null, null).statusCode(), "DELETE is idempotent");

        JsonNode second = RunningServer.body(server.json("POST", EXPORT, job));
        awaitStatus(server, second.get("poll_url").asText(), "completed");
    }
}
