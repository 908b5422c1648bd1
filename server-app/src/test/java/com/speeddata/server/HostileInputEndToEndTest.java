package com.speeddata.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 10, hostile input values, end to end on both stores: every bad value is a 400 problem naming the field (never
 * a 500), a request that fails stores nothing, and what is stored reads back exactly.
 */
class HostileInputEndToEndTest {
    private static final String MAX = "2262-04-11T23:47:16.854775807Z";
    private static final String MIN = "1677-09-21T00:12:43.145224192Z";
    private static final Map<TestDatabase.Kind, TestDatabase> databases = new EnumMap<>(TestDatabase.Kind.class);
    private static final Map<TestDatabase.Kind, RunningServer> servers = new EnumMap<>(TestDatabase.Kind.class);

    @TempDir
    static Path dataDir;

    @BeforeAll
    static void start() {
        for (TestDatabase.Kind kind : TestDatabase.Kind.values()) {
            TestDatabase database = TestDatabase.create(kind);
            databases.put(kind, database);
            servers.put(kind, RunningServer.start(database, dataDir.resolve(kind.name()), Map.of()));
        }
    }

    @AfterAll
    static void stop() {
        servers.values().forEach(RunningServer::close);
        databases.values().forEach(TestDatabase::close);
    }

    /** A 4xx problem+json with the code, and the pointer of its first field error when one is given. */
    private static JsonNode assertProblem(HttpResponse<byte[]> response, int status, String code, String pointer) {
        String text = new String(response.body(), StandardCharsets.UTF_8);
        assertEquals(status, response.statusCode(), text);
        assertEquals(
                "application/problem+json",
                response.headers().firstValue("Content-Type").orElse(""),
                text);
        JsonNode problem = RunningServer.body(response);
        assertEquals(code, problem.get("code").asText(), text);
        if (pointer != null) {
            assertEquals(pointer, problem.get("errors").get(0).get("pointer").asText(), text);
        }
        for (String leak : List.of("com.fasterxml", "Jackson", "ALLOW_", "Feature", "Exception", "SQL")) {
            assertFalse(text.contains(leak), text);
        }
        return problem;
    }

    private static JsonNode signal(RunningServer server, String channel, String name) {
        for (JsonNode c : RunningServer.body(server.get("/api/v1/channels")).get("channels")) {
            if (c.get("name").asText().equals(channel)) {
                for (JsonNode s : c.get("signals")) {
                    if (s.get("name").asText().equals(name)) {
                        return s;
                    }
                }
            }
        }
        return null;
    }

    private static JsonNode events(RunningServer server, String ticker) {
        HttpResponse<byte[]> response = server.get("/v1/events?ticker=" + ticker);
        assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        return RunningServer.body(response).get("events");
    }

    private static String event(String ticker, String headline, String publishedAt) {
        return "{\"ticker\": \"" + ticker + "\", \"headline\": \"" + headline + "\", \"published_at\": \"" + publishedAt
                + "\"}";
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void sample_times_past_the_int64_range_are_400_and_store_nothing(TestDatabase.Kind kind) {
        RunningServer server = servers.get(kind);
        String base = "/api/v1/channels/range/signals/";
        assertEquals(
                201,
                server.json("PUT", base + "khz", "{\"unit\": \"V\", \"sample_rate_hz\": 1000}")
                        .statusCode());
        assertEquals(
                201,
                server.json("PUT", base + "tiny", "{\"unit\": \"V\", \"sample_rate_hz\": 1e-300}")
                        .statusCode());
        for (String rate : List.of("0", "-1", "1e300", "\"NaN\"", "\"Infinity\"")) {
            assertProblem(
                    server.json("PUT", base + "bad", "{\"unit\": \"V\", \"sample_rate_hz\": " + rate + "}"),
                    400,
                    "INVALID_REQUEST",
                    "/sample_rate_hz");
        }
        assertProblem(
                server.json("PUT", base + "bad", "{\"unit\": \"V\", \"sample_rate_hz\": NaN}"),
                400,
                "MALFORMED_BODY",
                null);

        // One sample at the start is fine; the second of a 1e-300 Hz signal lies some 1e309 ns later.
        assertProblem(
                server.json(
                        "POST", base + "tiny/samples", "{\"start\": \"2025-01-01T00:00:00Z\", \"values\": [1, 2, 3]}"),
                400,
                "INVALID_REQUEST",
                "/start");
        assertProblem(
                server.json(
                        "POST",
                        base + "khz/samples",
                        "{\"start\": \"2262-04-11T23:47:16.850Z\", \"values\": [1, 2, 3, 4, 5, 6]}"),
                400,
                "INVALID_REQUEST",
                "/start");
        assertProblem(
                server.send(
                        "POST",
                        base + "khz/samples?start=2262-04-11T23:47:16.850Z",
                        "application/octet-stream",
                        PivotExportEndToEndTest.float64(new double[] {1, 2, 3, 4, 5, 6})),
                400,
                "INVALID_REQUEST",
                "/start");
        assertProblem(
                server.json(
                        "POST",
                        base + "khz/samples",
                        "{\"timestamps\": [\"2025-01-01T00:00:00Z\", \"2262-04-11T23:47:16.854775808Z\"], \"values\": [1, 2]}"),
                400,
                "INVALID_REQUEST",
                "/timestamps/1");
        assertProblem(
                server.json(
                        "POST",
                        base + "khz/samples",
                        "{\"timestamps\": [\"1677-09-21T00:12:43.145224191Z\"], \"values\": [1]}"),
                400,
                "INVALID_REQUEST",
                "/timestamps/0");
        HttpResponse<byte[]> csv = server.send(
                "POST",
                base + "khz/samples",
                "text/csv",
                "timestamp,value\n2025-01-01T00:00:00Z,1\n9999-01-01T00:00:00Z,2\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, csv.statusCode(), new String(csv.body(), StandardCharsets.UTF_8));
        assertProblem(csv, 400, "INVALID_REQUEST", null);
        assertEquals(0, signal(server, "range", "khz").get("samples").asLong());
        assertEquals(0, signal(server, "range", "tiny").get("samples").asLong());

        // The ends themselves are instants like any other.
        HttpResponse<byte[]> ends = server.json(
                "POST",
                base + "khz/samples",
                "{\"timestamps\": [\"" + MIN + "\", " + Long.MAX_VALUE + "], \"values\": [1, 2]}");
        assertEquals(200, ends.statusCode(), new String(ends.body(), StandardCharsets.UTF_8));
        JsonNode stored = signal(server, "range", "khz");
        assertEquals(MIN, stored.get("first").asText());
        assertEquals(MAX, stored.get("last").asText());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void time_ranges_reaching_past_the_int64_range_are_400_at_the_time_range(TestDatabase.Kind kind) {
        RunningServer server = servers.get(kind);
        server.json("PUT", "/api/v1/channels/ranges/signals/v", "{\"unit\": \"V\", \"sample_rate_hz\": 1}");
        for (String range : List.of(
                "{\"start\": \"2262-04-11T23:00:00Z\", \"duration\": \"PT2H\"}",
                "{\"end\": \"1677-09-21T01:00:00Z\", \"duration\": \"PT2H\"}",
                "{\"start\": \"1677-09-21T00:12:43Z\", \"end\": \"2025-01-01T00:00:00Z\"}",
                "{\"start\": \"2025-01-01T00:00:00Z\", \"end\": \"2262-04-11T23:47:17Z\"}",
                "{\"start\": \"1677-09-21T00:12:44Z\", \"end\": \"2262-04-11T23:47:16Z\"}")) {
            String body = "{\"time_range\": " + range + ", \"channels\": [\"ranges\"]}";
            JsonNode problem =
                    assertProblem(server.json("POST", "/api/v1/pivot/estimate", body), 400, "INVALID_REQUEST", null);
            assertTrue(
                    problem.get("errors").get(0).get("pointer").asText().startsWith("/time_range"), problem.toString());
            assertProblem(server.json("POST", "/api/v1/pivot/export", body), 400, "INVALID_REQUEST", null);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void event_times_keep_nanoseconds_and_the_range_ends_while_times_outside_are_400_and_store_nothing(
            TestDatabase.Kind kind) {
        RunningServer server = servers.get(kind);
        for (String outside : List.of(
                "2262-04-11T23:47:16.854775808Z",
                "1677-09-21T00:12:43.145224191Z",
                "9999-12-31T23:59:59Z",
                "0001-01-01T00:00:00Z")) {
            assertProblem(
                    server.json(
                            "POST",
                            "/v1/events",
                            "{\"events\": [" + event("NANO", "fine", MIN) + ", " + event("NANO", "outside", outside)
                                    + "]}"),
                    400,
                    "INVALID_REQUEST",
                    "/events/1/published_at");
        }
        assertEquals(0, events(server, "NANO").size(), "a failed request stores nothing");

        String precise = "2025-01-23T14:00:00.123456789Z";
        HttpResponse<byte[]> added = server.json(
                "POST",
                "/v1/events",
                "{\"events\": [" + event("NANO", "last", MAX)
                        + ", " + event("NANO", "first", MIN) + ", " + event("NANO", "precise", precise) + ", "
                        + event("NANO", "next", "2025-01-23T14:00:00.123456790Z") + "]}");
        assertEquals(201, added.statusCode(), new String(added.body(), StandardCharsets.UTF_8));
        assertEquals(
                precise,
                RunningServer.body(added)
                        .get("events")
                        .get(2)
                        .get("published_at")
                        .asText());

        List<String> listed = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = RunningServer.body(
                    server.get("/v1/events?ticker=NANO&limit=1" + (cursor == null ? "" : "&cursor=" + cursor)));
            page.get("events").forEach(e -> listed.add(e.get("published_at").asText()));
            cursor = page.get("next_cursor").isNull()
                    ? null
                    : page.get("next_cursor").asText();
        } while (cursor != null);
        assertEquals(List.of(MIN, precise, "2025-01-23T14:00:00.123456790Z", MAX), listed);
        JsonNode between = RunningServer.body(
                        server.get("/v1/events?ticker=NANO&start=" + precise + "&end=2025-01-23T14:00:00.123456790Z"))
                .get("events");
        assertEquals(1, between.size(), between.toString());
        assertEquals("precise", between.get(0).get("headline").asText());
        assertProblem(server.get("/v1/events?start=2262-04-11T23:47:17Z"), 400, "INVALID_REQUEST", "/start");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void the_same_event_id_twice_in_one_request_is_400_naming_the_repeat(TestDatabase.Kind kind) {
        RunningServer server = servers.get(kind);
        String id = "3f2b8c1e-4d5a-4c1b-9a7e-2f1d0c9b8a76";
        String one = "{\"id\": \"" + id + "\", \"ticker\": \"TWICE\", \"headline\": \"h\", \"published_at\": "
                + "\"2025-01-01T00:00:00Z\"}";
        JsonNode problem = assertProblem(
                server.json(
                        "POST",
                        "/v1/events",
                        "{\"events\": [" + one + ", " + event("TWICE", "other", "2025-01-01T00:00:00Z") + ", "
                                + one.replace(id, id.toUpperCase()) + "]}"),
                400,
                "INVALID_REQUEST",
                "/events/2/id");
        assertTrue(problem.get("detail").asText().contains(id), problem.toString());
        assertEquals(0, events(server, "TWICE").size());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void control_characters_are_400_alike_on_both_stores_and_nothing_is_stored(TestDatabase.Kind kind) {
        RunningServer server = servers.get(kind);
        String base = "/api/v1/channels/nul/signals/";
        assertProblem(
                server.json("PUT", base + "a", "{\"unit\": \"V\\u0000\", \"sample_rate_hz\": 1}"),
                400,
                "INVALID_REQUEST",
                "/unit");
        assertProblem(
                server.json("PUT", base + "a", "{\"unit\": \"V\", \"description\": \"a\\u0000b\"}"),
                400,
                "INVALID_REQUEST",
                "/description");
        assertProblem(server.json("PUT", base + "a", "{\"unit\": \"\\u001b[31mV\"}"), 400, "INVALID_REQUEST", "/unit");
        assertProblem(server.json("PUT", base + "a", "{\"unit\": \"V\\ud800\"}"), 400, "INVALID_REQUEST", "/unit");
        assertProblem(
                server.json("PUT", base + "a", "{\"unit\": \"V\", \"x\\u0000\": 1}"),
                400,
                "INVALID_REQUEST",
                "/x\u0000");
        assertEquals(null, signal(server, "nul", "a"));
        assertEquals(
                201,
                server.json("PUT", base + "a", "{\"unit\": \"V\", \"description\": \"two\\nlines\\tand a " + "tab\"}")
                        .statusCode());

        assertProblem(
                server.json(
                        "POST",
                        "/v1/events",
                        "{\"events\": [" + event("NUL", "a\\u0000b", "2025-01-01T00:00:00Z") + "]}"),
                400,
                "INVALID_REQUEST",
                "/events/0/headline");
        assertProblem(
                server.json(
                        "POST",
                        "/v1/events",
                        "{\"events\": [" + event("NUL\\u0000", "headline", "2025-01-01T00:00:00Z") + "]}"),
                400,
                "INVALID_REQUEST",
                "/events/0/ticker");
        assertProblem(server.get("/v1/events?unscored_by=a%00b"), 400, "INVALID_REQUEST", null);
        assertProblem(server.get("/v1/events?ticker=A%00"), 400, "INVALID_REQUEST", null);
        assertProblem(
                server.json("POST", "/v1/score", "{\"headlines\": [{\"id\": \"x\\u0000\", \"text\": \"ok\"}]}"),
                400,
                "INVALID_REQUEST",
                "/headlines/0/id");
        assertEquals(0, events(server, "NUL").size());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void malformed_percent_escapes_in_a_query_are_400_on_every_route(TestDatabase.Kind kind) {
        RunningServer server = servers.get(kind);
        for (String path : List.of(
                "/v1/events?cursor=%%%",
                "/v1/events?ticker=%%",
                "/v1/events?ticker=%zz",
                "/v1/events?ticker=%",
                "/api/v1/pivot/jobs?cursor=%4",
                "/api/v1/channels?x=%C3",
                "/v1/models?%%",
                "/health?a=%")) {
            JsonNode problem = assertProblem(raw(server, "GET " + path, null), 400, "INVALID_REQUEST", null);
            assertTrue(problem.get("detail").asText().contains("query string"), problem.toString());
        }
        server.json("PUT", "/api/v1/channels/escape/signals/v", "{\"unit\": \"V\", \"sample_rate_hz\": 1}");
        assertProblem(
                raw(server, "POST /api/v1/channels/escape/signals/v/samples?start=%zz", new byte[8]),
                400,
                "INVALID_REQUEST",
                null);
        assertEquals(0, signal(server, "escape", "v").get("samples").asLong());
        assertEquals(200, server.get("/v1/events?ticker=AB%2ECD").statusCode(), "well-formed escapes still work");
    }

    /**
     * A request written by hand: java.net.http refuses a URI with a malformed escape, which is what this sends.
     * {@code line} is the method and request target; a body goes as application/octet-stream.
     */
    private static HttpResponse<byte[]> raw(RunningServer server, String line, byte[] body) {
        URI base = URI.create(server.base());
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            String head = line + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nConnection: close\r\n"
                    + (body == null
                            ? ""
                            : "Content-Type: application/octet-stream\r\n" + "Content-Length: " + body.length + "\r\n")
                    + "\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                socket.getOutputStream().write(body);
            }
            socket.getOutputStream().flush();
            return RawResponse.parse(socket.getInputStream().readAllBytes());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void malformed_json_is_described_without_the_parsers_names(TestDatabase.Kind kind) {
        RunningServer server = servers.get(kind);
        server.json("PUT", "/api/v1/channels/json/signals/v", "{\"unit\": \"V\", \"sample_rate_hz\": 1}");
        for (String body : List.of(
                "{}{}",
                "{\"events\": []} x",
                "{\"events\": [NaN]}",
                "{\"events\": [Infinity]}",
                "{\"events\": [" + "9".repeat(5000) + "]}",
                "[".repeat(2000) + "]".repeat(2000),
                "{\"events\": ",
                "{\"events\": \"\u0001\"}",
                "{'events': []}")) {
            JsonNode problem = assertProblem(server.json("POST", "/v1/events", body), 400, "MALFORMED_BODY", null);
            assertTrue(problem.get("detail").asText().startsWith("the body is not valid JSON: "), problem.toString());
            // The streaming sample reader may see a wrong shape before a syntax error: either is a 400 in plain words.
            HttpResponse<byte[]> ingest =
                    server.json("POST", "/api/v1/channels/json/signals/v/samples", body.replace("events", "values"));
            assertProblem(ingest, 400, RunningServer.body(ingest).get("code").asText(), null);
        }
        assertProblem(
                server.json("POST", "/api/v1/pivot/export", "{\"time_range\": {\"duration\": 1e99999}}"),
                400,
                "INVALID_REQUEST",
                null);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void if_none_match_uses_weak_comparison_over_lists_and_star(TestDatabase.Kind kind) throws Exception {
        RunningServer server = servers.get(kind);
        server.json("PUT", "/api/v1/channels/etag/signals/v", "{\"unit\": \"V\", \"sample_rate_hz\": 10}");
        server.json(
                "POST",
                "/api/v1/channels/etag/signals/v/samples",
                "{\"start\": \"2025-01-01T00:00:00Z\", \"values\": [1, 2, 3, 4]}");
        JsonNode job = RunningServer.body(server.json(
                "POST",
                "/api/v1/pivot/export",
                "{\"time_range\": {\"start\": "
                        + "\"2025-01-01T00:00:00Z\", \"duration\": \"PT1S\"}, \"channels\": [\"etag\"], \"execution\": "
                        + "\"async\"}"));
        String poll = job.get("poll_url").asText();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!RunningServer.body(server.get(poll)).get("status").asText().equals("completed")) {
            assertTrue(System.nanoTime() < deadline, "the export never completed");
            Thread.sleep(50);
        }
        String download = poll + "/download";
        String etag = server.get(download).headers().firstValue("ETag").orElseThrow();
        for (String header : List.of(etag, "W/" + etag, "*", "\"other\", " + etag, "W/\"other\",W/" + etag)) {
            HttpResponse<byte[]> response =
                    server.withHeaders(Map.of("If-None-Match", header)).get(download);
            assertEquals(304, response.statusCode(), header);
            assertEquals(0, response.body().length);
        }
        for (String header : List.of("\"other\"", "W/\"other\", \"x\"", etag.substring(0, etag.length() - 2) + "\"")) {
            assertEquals(
                    200,
                    server.withHeaders(Map.of("If-None-Match", header))
                            .get(download)
                            .statusCode(),
                    header);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void a_job_stream_with_an_odd_id_closes_as_an_unknown_job(TestDatabase.Kind kind) throws Exception {
        RunningServer server = servers.get(kind);
        String ws = server.base().replace("http://", "ws://") + "/api/v1/pivot/jobs/";
        int unknown = closeCode(ws + "00000000-0000-0000-0000-000000000000/stream");
        assertEquals(4404, unknown);
        for (String id : List.of("a%2Fb", "a%5Cb", "%2E%2E", "not-a-uuid", "a%20b", "%E2%82%AC")) {
            assertEquals(unknown, closeCode(ws + id + "/stream"), id);
        }
    }

    private static int closeCode(String url) throws Exception {
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(URI.create(url), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        socket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
                        closed.complete(status);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket socket, Throwable error) {
                        closed.completeExceptionally(error);
                    }
                })
                .get(10, TimeUnit.SECONDS);
        return closed.get(10, TimeUnit.SECONDS);
    }
}
