package com.speeddata.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Issue 3 end to end in one process: exports as jobs over real HTTP and WebSocket, on both stores. */
class ExportJobsEndToEndTest {
    private static final String T0 = "2025-01-23T14:00:00Z";

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

    /** One channel of two 1 kHz signals over {@code seconds}, stored as binary bodies. */
    private static void ingest(RunningServer server, int seconds) {
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

    private static String exportBody(String duration, String extra) {
        return "{\"time_range\": {\"start\": \"" + T0 + "\", \"duration\": \"" + duration + "\"}, "
                + "\"channels\": [\"rig\"]" + extra + "}";
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

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void an_async_export_is_a_job_whose_file_downloads_whole_in_parts_and_not_twice(TestDatabase.Kind kind)
            throws Exception {
        RunningServer server = server(kind, Map.of());
        ingest(server, 20);
        HttpResponse<byte[]> accepted =
                server.json("POST", "/api/v1/pivot/export", exportBody("PT20S", ", \"execution\": \"async\""));
        assertEquals(202, accepted.statusCode(), new String(accepted.body()));
        JsonNode ticket = RunningServer.body(accepted);
        String poll = ticket.get("poll_url").asText();
        assertEquals(poll, accepted.headers().firstValue("Location").orElseThrow());
        assertTrue(accepted.headers().firstValue("Retry-After").isPresent());
        assertTrue(
                ticket.get("websocket_url")
                        .asText()
                        .startsWith("ws://127.0.0.1:" + server.application().port() + "/api/v1/pivot/jobs/"),
                "from PUBLIC_URL's default, http://<BIND_ADDRESS>:<PORT>");
        assertTrue(ticket.has("estimated_completion"));

        JsonNode done = awaitStatus(server, poll, "completed");
        assertEquals(100, done.get("progress").get("percent").asInt());
        String downloadUrl = done.get("download_url").asText();
        HttpResponse<byte[]> whole = server.get(downloadUrl);
        assertEquals(200, whole.statusCode());
        assertEquals(done.get("result").get("bytes").asLong(), whole.body().length);
        assertEquals(
                done.get("result").get("sha256").asText(),
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(whole.body())));
        String etag = whole.headers().firstValue("ETag").orElseThrow();
        assertEquals("\"" + done.get("result").get("sha256").asText() + "\"", etag);
        Path file = Files.write(dataDir.resolve("job.h5"), whole.body());
        assertEquals(
                20_000,
                H5py.summarize(file)
                        .get("datasets")
                        .get("rig/a")
                        .get("shape")
                        .get(0)
                        .asInt());

        HttpResponse<byte[]> part = send(server, downloadUrl, Map.of("Range", "bytes=100-199"));
        assertEquals(206, part.statusCode());
        assertEquals(
                "bytes 100-199/" + whole.body().length,
                part.headers().firstValue("Content-Range").orElseThrow());
        assertArrayEquals(java.util.Arrays.copyOfRange(whole.body(), 100, 200), part.body());
        HttpResponse<byte[]> tail = send(server, downloadUrl, Map.of("Range", "bytes=-10"));
        assertArrayEquals(
                java.util.Arrays.copyOfRange(whole.body(), whole.body().length - 10, whole.body().length), tail.body());
        assertEquals(
                304, send(server, downloadUrl, Map.of("If-None-Match", etag)).statusCode());
        HttpResponse<byte[]> beyond = send(server, downloadUrl, Map.of("Range", "bytes=999999999-"));
        assertEquals(416, beyond.statusCode());

        String metrics = new String(server.get("/metrics").body(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(metrics.contains("speeddata_jobs{status=\"completed\"} 1"), metrics);
        assertTrue(metrics.contains("# TYPE speeddata_http_responses_total counter"), metrics);

        JsonNode listed = RunningServer.body(server.get("/api/v1/pivot/jobs"));
        assertEquals(
                ticket.get("job_id").asText(),
                listed.get("jobs").get(0).get("job_id").asText());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void a_completed_job_shows_its_export_receipt_and_the_request_that_made_it(TestDatabase.Kind kind)
            throws Exception {
        RunningServer server = server(kind, Map.of());
        ingest(server, 20);
        // 20 s of 1 kHz samples in a 30 s range: the last 10 s have none.
        HttpResponse<byte[]> accepted = server.json(
                "POST",
                "/api/v1/pivot/export",
                exportBody(
                        "PT30S",
                        ", \"execution\": \"async\", \"fill\": \"previous\", \"max_gap\": {\"rig/b\": \"PT1S\"}, "
                                + "\"quality\": true"));
        assertEquals(202, accepted.statusCode(), new String(accepted.body()));
        JsonNode done =
                awaitStatus(server, RunningServer.body(accepted).get("poll_url").asText(), "completed");

        JsonNode receipt = done.get("result").get("receipt");
        JsonNode a = receipt.get("rig/a");
        assertEquals(20_000, a.get("samples_read").asLong());
        assertEquals(20_000, a.get("observed_cells").asLong());
        assertEquals(10, a.get("filled_cells").asLong(), "default max_gap: ten periods, 10 ms");
        assertEquals(9_990, a.get("missing_cells").asLong());
        assertEquals("2025-01-23T14:00:00.000000000Z", a.get("first_sample").asText());
        assertEquals("2025-01-23T14:00:19.999000000Z", a.get("last_sample").asText());
        assertEquals(10_000_000, a.get("max_gap_ns").asLong());
        assertEquals("previous", a.get("fill").asText());
        JsonNode b = receipt.get("rig/b");
        assertEquals(1_000, b.get("filled_cells").asLong(), "max_gap PT1S");
        assertEquals(9_000, b.get("missing_cells").asLong());
        assertEquals(1_000_000_000, b.get("max_gap_ns").asLong());

        JsonNode request = done.get("request");
        assertEquals("PT1S", request.get("max_gap").get("rig/b").asText());
        assertTrue(request.get("quality").asBoolean());
        assertEquals(
                "2025-01-23T14:00:00Z", request.get("time_range").get("start").asText());
        assertEquals(List.of("rig"), List.of(request.get("channels").get(0).asText()));

        Path file = Files.write(
                dataDir.resolve("receipt.h5"),
                server.get(done.get("download_url").asText()).body());
        JsonNode h5 = H5py.summarize(file);
        assertEquals(
                30_000,
                h5.get("datasets").get("rig/a:quality").get("shape").get(0).asInt());
        JsonNode flags = h5.get("datasets").get("rig/a:quality").get("values");
        assertEquals(
                List.of(0, 1, 1, 2),
                List.of(
                        flags.get(19_999).asInt(),
                        flags.get(20_000).asInt(),
                        flags.get(20_009).asInt(),
                        flags.get(20_010).asInt()));
        JsonNode attrs = h5.get("datasets").get("rig/a").get("attrs");
        assertEquals(10, attrs.get("filled_cells").asLong());
        assertEquals(9_990, attrs.get("missing_cells").asLong());
        assertEquals("2025-01-23T14:00:19.999000000Z", attrs.get("last_sample").asText());
        assertEquals("/rig/a:quality", attrs.get("quality").asText());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void auto_routes_by_estimated_size_and_estimate_agrees(TestDatabase.Kind kind) throws Exception {
        RunningServer server = server(kind, Map.of("SYNC_MAX_BYTES", "100000"));
        ingest(server, 10);
        assertEquals(
                "sync",
                RunningServer.body(server.json("POST", "/api/v1/pivot/estimate", exportBody("PT1S", "")))
                        .get("route")
                        .asText());
        assertEquals(
                200,
                server.json("POST", "/api/v1/pivot/export", exportBody("PT1S", ""))
                        .statusCode());
        assertEquals(
                "async",
                RunningServer.body(server.json("POST", "/api/v1/pivot/estimate", exportBody("PT10S", "")))
                        .get("route")
                        .asText());
        HttpResponse<byte[]> queued = server.json("POST", "/api/v1/pivot/export", exportBody("PT10S", ""));
        assertEquals(202, queued.statusCode());
        awaitStatus(server, RunningServer.body(queued).get("poll_url").asText(), "completed");
        assertEquals(
                202,
                send(server, "/api/v1/pivot/export", exportBody("PT1S", ""), Map.of("Prefer", "respond-async"))
                        .statusCode(),
                "Prefer: respond-async queues even a small export");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void an_auto_export_past_the_sync_timeout_continues_as_a_job(TestDatabase.Kind kind) throws Exception {
        RunningServer server = server(kind, Map.of("SYNC_TIMEOUT", "PT0.001S"));
        ingest(server, 60);
        HttpResponse<byte[]> handedOver =
                server.json("POST", "/api/v1/pivot/export", exportBody("PT60S", ", \"interval\": \"PT0.0001S\""));
        assertEquals(202, handedOver.statusCode(), new String(handedOver.body()));
        JsonNode done = awaitStatus(
                server, RunningServer.body(handedOver).get("poll_url").asText(), "completed");
        assertEquals(1, done.get("attempts").asInt(), "the inline work was kept, not started again");
        assertTrue(done.get("result").get("bytes").asLong() > 600_000L * 8 * 3, "time and two columns of 600k rows");

        HttpResponse<byte[]> timedOut = server.json(
                "POST",
                "/api/v1/pivot/export",
                exportBody("PT60S", ", \"interval\": \"PT0.0001S\", \"execution\": \"sync\""));
        assertEquals(408, timedOut.statusCode(), new String(timedOut.body()));
        assertEquals(
                "async",
                RunningServer.body(timedOut).get("suggestion").get("execution").asText());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void a_cancelled_job_stops_and_says_so_on_its_stream(TestDatabase.Kind kind) throws Exception {
        RunningServer server = server(kind, Map.of("JOB_WORKERS", "1"));
        ingest(server, 60);
        String big =
                exportBody("PT60S", ", \"interval\": \"PT0.00001S\", \"format\": \"csv\", \"execution\": \"async\"");
        JsonNode running = RunningServer.body(server.json("POST", "/api/v1/pivot/export", big));
        JsonNode queued = RunningServer.body(server.json("POST", "/api/v1/pivot/export", big));

        List<String> messages = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(URI.create(running.get("websocket_url").asText()), new Collector(messages, closed))
                .get(10, TimeUnit.SECONDS);
        awaitStatus(server, running.get("poll_url").asText(), "running");

        HttpResponse<byte[]> cancelQueued =
                server.send("DELETE", queued.get("poll_url").asText(), null, null);
        assertEquals(200, cancelQueued.statusCode(), new String(cancelQueued.body()));
        assertEquals("cancelled", RunningServer.body(cancelQueued).get("status").asText());
        assertEquals(
                204,
                server.send("DELETE", queued.get("poll_url").asText(), null, null)
                        .statusCode(),
                "DELETE on a finished job: nothing left to cancel or delete");
        assertEquals(
                "cancelled",
                RunningServer.body(server.get(queued.get("poll_url").asText()))
                        .get("status")
                        .asText(),
                "a cancelled job stays cancelled");

        assertEquals(
                202,
                server.send("DELETE", running.get("poll_url").asText(), null, null)
                        .statusCode());
        awaitStatus(server, running.get("poll_url").asText(), "cancelled");
        closed.get(30, TimeUnit.SECONDS);
        assertTrue(messages.get(0).contains("\"type\":\"state\""), messages.toString());
        assertTrue(messages.get(messages.size() - 1).contains("\"type\":\"cancelled\""), messages.toString());
        HttpResponse<byte[]> download = server.get(running.get("poll_url").asText() + "/download");
        assertEquals(409, download.statusCode());
        assertEquals(
                "JOB_NOT_COMPLETED", RunningServer.body(download).get("code").asText());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void a_stream_reports_rising_progress_then_completion(TestDatabase.Kind kind) throws Exception {
        RunningServer server = server(kind, Map.of());
        ingest(server, 60);
        JsonNode ticket = RunningServer.body(server.json(
                "POST",
                "/api/v1/pivot/export",
                exportBody("PT60S", ", \"interval\": \"PT0.00001S\", \"format\": \"csv\", \"execution\": \"async\"")));
        List<String> messages = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(URI.create(ticket.get("websocket_url").asText()), new Collector(messages, closed))
                .get(10, TimeUnit.SECONDS);
        closed.get(60, TimeUnit.SECONDS);
        assertTrue(messages.get(0).contains("\"type\":\"state\""), messages.toString());
        String last = messages.get(messages.size() - 1);
        assertTrue(last.contains("\"type\":\"complete\"") && last.contains("/download"), last);
        int previous = -1;
        for (String message : messages) {
            JsonNode node = RunningServer.JSON.readTree(message);
            if (node.get("type").asText().equals("progress")) {
                assertTrue(node.get("percent").asInt() >= previous, messages.toString());
                previous = node.get("percent").asInt();
            }
        }
    }

    @org.junit.jupiter.api.Test
    void a_stream_on_one_instance_follows_a_job_running_on_another() throws Exception {
        TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRES);
        opened.add(database);
        RunningServer a = RunningServer.start(database, dataDir, Map.of());
        opened.add(a);
        ingest(a, 60);
        JsonNode ticket = RunningServer.body(a.json(
                "POST",
                "/api/v1/pivot/export",
                exportBody("PT60S", ", \"interval\": \"PT0.00001S\", \"format\": \"csv\", \"execution\": \"async\"")));
        awaitStatus(a, ticket.get("poll_url").asText(), "running");
        RunningServer b = RunningServer.start(database, dataDir, Map.of()); // started after a claimed the job
        opened.add(b);
        List<String> messages = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        URI onB = URI.create(
                b.base().replace("http", "ws") + ticket.get("poll_url").asText() + "/stream");
        HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(onB, new Collector(messages, closed))
                .get(10, TimeUnit.SECONDS);
        closed.get(60, TimeUnit.SECONDS);
        assertTrue(messages.get(0).contains("\"type\":\"state\""), messages.toString());
        assertTrue(messages.get(messages.size() - 1).contains("\"type\":\"complete\""), messages.toString());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void job_errors_are_problem_details(TestDatabase.Kind kind) {
        RunningServer server = server(kind, Map.of("JOB_QUEUE_CAPACITY", "1", "JOB_WORKERS", "1"));
        ingest(server, 60);
        assertEquals(
                404,
                server.get("/api/v1/pivot/jobs/" + java.util.UUID.randomUUID()).statusCode());
        assertEquals(
                "JOB_NOT_FOUND",
                RunningServer.body(server.get("/api/v1/pivot/jobs/not-a-uuid"))
                        .get("code")
                        .asText());
        String slow =
                exportBody("PT60S", ", \"interval\": \"PT0.00001S\", \"format\": \"csv\", \"execution\": \"async\"");
        HttpResponse<byte[]> first = server.json("POST", "/api/v1/pivot/export", slow);
        JsonNode firstJob = RunningServer.body(first);
        HttpResponse<byte[]> full = null;
        for (int i = 0; i < 5 && (full == null || full.statusCode() != 503); i++) {
            full = server.json("POST", "/api/v1/pivot/export", slow);
        }
        assertEquals(503, full.statusCode(), new String(full.body()));
        assertEquals("QUEUE_FULL", RunningServer.body(full).get("code").asText());
        assertTrue(full.headers().firstValue("Retry-After").isPresent());
        HttpResponse<byte[]> early = server.get(firstJob.get("poll_url").asText() + "/download");
        assertEquals(409, early.statusCode());
        for (JsonNode job : RunningServer.body(server.get("/api/v1/pivot/jobs")).get("jobs")) {
            server.send("DELETE", "/api/v1/pivot/jobs/" + job.get("job_id").asText(), null, null);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void the_job_list_pages_with_a_cursor_and_filters_by_status(TestDatabase.Kind kind) throws Exception {
        RunningServer server = server(kind, Map.of());
        ingest(server, 1);
        List<String> submitted = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            submitted.add(RunningServer.body(server.json(
                            "POST", "/api/v1/pivot/export", exportBody("PT1S", ", \"execution\": \"async\"")))
                    .get("job_id")
                    .asText());
        }
        for (String id : submitted) {
            awaitStatus(server, "/api/v1/pivot/jobs/" + id, "completed");
        }

        JsonNode first = RunningServer.body(server.get("/api/v1/pivot/jobs?limit=2"));
        assertEquals(2, first.get("jobs").size());
        String cursor = first.get("next_cursor").asText();
        JsonNode second = RunningServer.body(server.get("/api/v1/pivot/jobs?limit=2&cursor=" + cursor));
        assertEquals(1, second.get("jobs").size());
        assertTrue(second.get("next_cursor").isNull(), second.toString());
        List<String> listed = new java.util.ArrayList<>();
        first.get("jobs").forEach(j -> listed.add(j.get("job_id").asText()));
        second.get("jobs").forEach(j -> listed.add(j.get("job_id").asText()));
        assertEquals(new java.util.HashSet<>(submitted), new java.util.HashSet<>(listed));
        assertEquals(submitted.get(2), listed.get(0), "newest first");

        assertEquals(
                3,
                RunningServer.body(server.get("/api/v1/pivot/jobs?status=completed"))
                        .get("jobs")
                        .size());
        assertEquals(
                0,
                RunningServer.body(server.get("/api/v1/pivot/jobs?status=running"))
                        .get("jobs")
                        .size());
        for (String bad : List.of("status=done", "limit=0", "limit=1001", "cursor=bm90LWEtY3Vyc29y", "sort=asc")) {
            HttpResponse<byte[]> refused = server.get("/api/v1/pivot/jobs?" + bad);
            assertEquals(400, refused.statusCode(), bad);
            assertEquals(
                    "INVALID_REQUEST", RunningServer.body(refused).get("code").asText(), bad);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void past_the_rate_limit_an_export_is_refused_with_429_before_its_body_is_read(TestDatabase.Kind kind) {
        RunningServer server = server(kind, Map.of("EXPORT_RATE_LIMIT", "1"));
        assertEquals(400, server.json("POST", "/api/v1/pivot/export", "{}").statusCode());
        assertEquals(400, server.json("POST", "/api/v1/pivot/export", "{}").statusCode(), "a burst of two passes");
        HttpResponse<byte[]> refused = server.json("POST", "/api/v1/pivot/export", "{}");
        assertEquals(429, refused.statusCode(), new String(refused.body()));
        assertEquals(
                "application/problem+json",
                refused.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("RATE_LIMITED", RunningServer.body(refused).get("code").asText());
        assertEquals("1", refused.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(
                400, server.json("POST", "/api/v1/pivot/estimate", "{}").statusCode(), "estimates are not limited");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void an_idempotency_key_makes_a_retried_submit_find_its_job(TestDatabase.Kind kind) {
        RunningServer server = server(kind, Map.of());
        ingest(server, 5);
        String body = exportBody("PT5S", ", \"execution\": \"async\"");
        HttpResponse<byte[]> first = send(server, "/api/v1/pivot/export", body, Map.of("Idempotency-Key", "k-1"));
        HttpResponse<byte[]> again = send(server, "/api/v1/pivot/export", body, Map.of("Idempotency-Key", "k-1"));
        assertEquals(202, again.statusCode());
        assertEquals(
                RunningServer.body(first).get("job_id"),
                RunningServer.body(again).get("job_id"));
        HttpResponse<byte[]> other = send(
                server,
                "/api/v1/pivot/export",
                exportBody("PT4S", ", \"execution\": \"async\""),
                Map.of("Idempotency-Key", "k-1"));
        assertEquals(409, other.statusCode());
        assertEquals("JOB_ID_CONFLICT", RunningServer.body(other).get("code").asText());
        HttpResponse<byte[]> fresh = send(server, "/api/v1/pivot/export", body, Map.of());
        assertNotEquals(
                RunningServer.body(first).get("job_id"),
                RunningServer.body(fresh).get("job_id"));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void a_result_past_its_ttl_is_deleted_and_the_job_says_expired(TestDatabase.Kind kind) throws Exception {
        RunningServer server = server(kind, Map.of("RESULT_TTL", "PT1S"));
        ingest(server, 2);
        JsonNode ticket = RunningServer.body(
                server.json("POST", "/api/v1/pivot/export", exportBody("PT2S", ", \"execution\": \"async\"")));
        awaitStatus(server, ticket.get("poll_url").asText(), "completed");
        JsonNode expired = awaitStatus(server, ticket.get("poll_url").asText(), "expired");
        assertTrue(expired.get("download_url").isNull());
        HttpResponse<byte[]> gone = server.get(ticket.get("poll_url").asText() + "/download");
        assertEquals(410, gone.statusCode());
        assertEquals("RESULT_EXPIRED", RunningServer.body(gone).get("code").asText());
        // The status turns expired first (downloads answer 410 from then on), then the file is deleted.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        long left;
        do {
            Thread.sleep(20);
            try (var files = Files.list(dataDir.resolve("exports"))) {
                left = files.filter(f -> f.toString().endsWith(".h5")).count();
            }
        } while (left > 0 && System.nanoTime() < deadline);
        assertEquals(0, left, "the file was deleted");
    }

    private static HttpResponse<byte[]> send(RunningServer server, String path, Map<String, String> headers) {
        return send(server, path, null, headers);
    }

    private static HttpResponse<byte[]> send(
            RunningServer server, String path, String jsonBody, Map<String, String> headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(server.base() + path)).timeout(Duration.ofMinutes(1));
        headers.forEach(request::header);
        if (jsonBody != null) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(jsonBody));
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Collects text messages until the server closes the socket. */
    private record Collector(List<String> messages, CompletableFuture<Void> closed) implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            messages.add(data.toString());
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
            closed.complete(null);
            return null;
        }
    }
}
