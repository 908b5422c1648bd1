package com.speeddata.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Issue 2 end to end: a started server, real HTTP, both stores, HDF5 checked by h5py. */
class PivotExportEndToEndTest {
    private static final String T0 = "2025-01-23T14:00:00Z";
    private static final long T0_NS = 1_737_640_800_000_000_000L;
    private static final Map<TestDatabase.Kind, TestDatabase> databases = new EnumMap<>(TestDatabase.Kind.class);
    private static final Map<TestDatabase.Kind, RunningServer> servers = new EnumMap<>(TestDatabase.Kind.class);

    @TempDir
    static Path dataDir;

    @BeforeAll
    static void startServers() {
        for (TestDatabase.Kind kind : TestDatabase.Kind.values()) {
            TestDatabase database = TestDatabase.create(kind);
            databases.put(kind, database);
            servers.put(
                    kind,
                    RunningServer.start(
                            database, dataDir.resolve(kind.name()), Map.of("EXPORT_MAX_BYTES", "50000000")));
        }
    }

    @AfterAll
    static void stopServers() {
        servers.values().forEach(RunningServer::close);
        databases.values().forEach(TestDatabase::close);
    }

    /** A channel name no other test uses, so tests can share one server. */
    private static String channel() {
        return "ch_" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void define(RunningServer server, String channel, String signal, String rate, int expected) {
        HttpResponse<byte[]> response = server.json(
                "PUT",
                "/api/v1/channels/" + channel + "/signals/" + signal,
                "{\"unit\": \"V\", \"sample_rate_hz\": " + rate + ", \"description\": \"test\"}");
        assertEquals(expected, response.statusCode(), new String(response.body()));
    }

    private static long accepted(HttpResponse<byte[]> response) {
        assertEquals(200, response.statusCode(), new String(response.body()));
        return RunningServer.body(response).get("accepted").asLong();
    }

    private static void assertProblem(HttpResponse<byte[]> response, int status, String code) {
        assertEquals(status, response.statusCode(), new String(response.body()));
        assertEquals(
                "application/problem+json",
                response.headers().firstValue("Content-Type").orElse(""));
        JsonNode problem = RunningServer.body(response);
        assertEquals(code, problem.get("code").asText(), problem.toString());
        assertEquals(status, problem.get("status").asInt());
        assertTrue(problem.has("title") && problem.has("detail") && problem.has("type"), problem.toString());
    }

    private static JsonNode signalInfo(RunningServer server, String channel, String signal) {
        for (JsonNode ch : RunningServer.body(server.get("/api/v1/channels")).get("channels")) {
            if (ch.get("name").asText().equals(channel)) {
                for (JsonNode s : ch.get("signals")) {
                    if (s.get("name").asText().equals(signal)) {
                        return s;
                    }
                }
            }
        }
        throw new AssertionError(channel + "/" + signal + " not listed");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void defining_a_signal_twice_creates_then_updates(TestDatabase.Kind kind) {
        RunningServer server = servers.get(kind);
        String ch = channel();
        define(server, ch, "voltage", "1000.0", 201);
        define(server, ch, "voltage", "500.0", 200);
        assertEquals(
                500.0, signalInfo(server, ch, "voltage").get("sample_rate_hz").asDouble());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void every_ingest_format_is_stored_and_listed(TestDatabase.Kind kind) {
        RunningServer server = servers.get(kind);
        String ch = channel();
        define(server, ch, "a", "1000.0", 201);
        define(server, ch, "b", "null", 201);
        define(server, ch, "c", "10.0", 201);
        assertEquals(
                3,
                accepted(server.json(
                        "POST",
                        "/api/v1/channels/" + ch + "/signals/a/samples",
                        "{\"start\": \"" + T0 + "\", \"values\": [1.5, null, -2]}")));
        assertEquals(
                2,
                accepted(server.json(
                        "POST",
                        "/api/v1/channels/" + ch + "/signals/b/samples",
                        "{\"timestamps\": [\"2025-01-23T15:00:00+01:00\", " + (T0_NS + 7) + "], \"values\": [3, 4]}")));
        assertEquals(
                2,
                accepted(server.send(
                        "POST",
                        "/api/v1/channels/" + ch + "/signals/b/samples",
                        "text/csv",
                        ("timestamp,value\n2025-01-23T14:00:01Z,5\n" + (T0_NS + 2_000_000_000L) + ",6\n")
                                .getBytes(StandardCharsets.UTF_8))));
        assertEquals(
                4,
                accepted(server.send(
                        "POST",
                        "/api/v1/channels/" + ch + "/signals/c/samples?start=" + T0,
                        "application/octet-stream",
                        float64(1, 2, 3, 4))));

        JsonNode a = signalInfo(server, ch, "a");
        assertEquals(3, a.get("samples").asLong());
        assertEquals(T0, a.get("first").asText());
        assertEquals("2025-01-23T14:00:00.002Z", a.get("last").asText());
        JsonNode b = signalInfo(server, ch, "b");
        assertEquals(4, b.get("samples").asLong(), "the +01:00 instant equals T0: the two JSON samples are distinct");
        assertTrue(b.get("sample_rate_hz").isNull());
        assertEquals(
                "2025-01-23T14:00:00.300Z",
                signalInfo(server, ch, "c").get("last").asText());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void samples_with_stored_timestamps_replace_them_and_keep_the_rest(TestDatabase.Kind kind) throws Exception {
        RunningServer server = servers.get(kind);
        String ch = channel();
        define(server, ch, "v", "1.0", 201);
        accepted(server.json(
                "POST",
                "/api/v1/channels/" + ch + "/signals/v/samples",
                "{\"start\": \"" + T0 + "\", \"values\": [0, 1, 2, 3, 4]}"));
        accepted(server.json(
                "POST",
                "/api/v1/channels/" + ch + "/signals/v/samples",
                "{\"start\": \"2025-01-23T14:00:02Z\", \"values\": [20, 30]}"));
        assertEquals(5, signalInfo(server, ch, "v").get("samples").asLong());
        String csv = exportCsv(
                server,
                "{\"time_range\": {\"start\": \"" + T0 + "\", \"duration\": \"PT5S\"}, " + "\"channels\": [\"" + ch
                        + "\"], \"format\": \"csv\", \"execution\": \"sync\"}");
        assertEquals(
                "time," + ch + "/v\n2025-01-23T14:00:00.000000000Z,0.0\n2025-01-23T14:00:01.000000000Z,1.0\n"
                        + "2025-01-23T14:00:02.000000000Z,20.0\n2025-01-23T14:00:03.000000000Z,30.0\n"
                        + "2025-01-23T14:00:04.000000000Z,4.0\n",
                csv);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aligned_hdf5_export_reads_back_in_h5py_bit_for_bit(TestDatabase.Kind kind) throws Exception {
        RunningServer server = servers.get(kind);
        String ch = channel();
        define(server, ch, "fast", "1000.0", 201);
        define(server, ch, "slow", "100.0", 201);
        double[] fast = new double[2000];
        for (int i = 0; i < fast.length; i++) {
            fast[i] = Math.sin(i * 0.01) * 1e-3;
        }
        fast[7] = -0.0;
        fast[8] = Double.MIN_VALUE;
        accepted(server.send(
                "POST",
                "/api/v1/channels/" + ch + "/signals/fast/samples?start=" + T0,
                "application/octet-stream",
                float64(fast)));
        accepted(server.json(
                "POST",
                "/api/v1/channels/" + ch + "/signals/slow/samples",
                "{\"start\": \"" + T0 + "\", \"values\": [0, 10, 20]}"));

        HttpResponse<byte[]> response = server.json(
                "POST",
                "/api/v1/pivot/export",
                "{\"time_range\": {\"start\": \"" + T0 + "\", \"end\": \"2025-01-23T14:00:02Z\"}, "
                        + "\"channels\": [\"" + ch + "\"], \"signals\": {\"" + ch + "\": \"*\"}, "
                        + "\"fill\": {\"" + ch + "/slow\": \"previous\"}}");
        assertEquals(200, response.statusCode(), new String(response.body()));
        assertEquals(
                "application/x-hdf5",
                response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.headers()
                .firstValue("Content-Disposition")
                .orElse("")
                .matches("attachment; filename=\"export_\\d{8}_\\d{6}\\.h5\""));
        Path file = Files.createTempFile(dataDir, "export", ".h5");
        Files.write(file, response.body());

        JsonNode summary = H5py.summarize(file);
        JsonNode time = summary.get("datasets").get("time");
        assertEquals("int64", time.get("dtype").asText());
        assertEquals(2000, time.get("shape").get(0).asInt());
        assertEquals(T0_NS, time.get("values").get(0).asLong());
        assertEquals(T0_NS + 1_999_000_000L, time.get("values").get(1999).asLong());
        assertEquals(
                "nanoseconds since 1970-01-01T00:00:00Z",
                time.get("attrs").get("units").asText());

        JsonNode fastColumn = summary.get("datasets").get(ch + "/fast");
        assertEquals("float64", fastColumn.get("dtype").asText());
        for (int i = 0; i < fast.length; i++) {
            assertEquals(
                    Double.doubleToRawLongBits(fast[i]),
                    bits(fastColumn.get("hex").get(i)),
                    "sample " + i);
        }
        assertEquals("V", fastColumn.get("attrs").get("unit").asText());
        assertEquals(1000.0, fastColumn.get("attrs").get("sample_rate_hz").asDouble());
        assertEquals("linear", fastColumn.get("attrs").get("fill").asText());
        assertEquals("mean", fastColumn.get("attrs").get("aggregate").asText());

        JsonNode slowColumn = summary.get("datasets").get(ch + "/slow");
        assertEquals("previous", slowColumn.get("attrs").get("fill").asText());
        assertEquals(0.0, Double.longBitsToDouble(bits(slowColumn.get("hex").get(9))));
        assertEquals(10.0, Double.longBitsToDouble(bits(slowColumn.get("hex").get(10))));
        // max_gap's default, ten periods (100 ms): the last sample (20 ms) is repeated up to 120 ms, not beyond.
        assertEquals(20.0, Double.longBitsToDouble(bits(slowColumn.get("hex").get(120))));
        assertTrue(
                Double.isNaN(Double.longBitsToDouble(bits(slowColumn.get("hex").get(121)))));
        assertTrue(
                Double.isNaN(Double.longBitsToDouble(bits(slowColumn.get("hex").get(1999)))));
        assertEquals(100_000_000L, slowColumn.get("attrs").get("max_gap_ns").asLong());
        assertEquals(3, slowColumn.get("attrs").get("samples_read").asLong());
        assertEquals(3, slowColumn.get("attrs").get("observed_cells").asLong());
        assertEquals(118, slowColumn.get("attrs").get("filled_cells").asLong());
        assertEquals(1879, slowColumn.get("attrs").get("missing_cells").asLong());

        JsonNode root = summary.get("root_attrs");
        assertEquals(T0, root.get("time_range_start").asText());
        assertEquals("2025-01-23T14:00:02Z", root.get("time_range_end").asText());
        assertEquals(1_000_000L, root.get("interval_ns").asLong());
        assertEquals(1, root.get("format_version").asInt());
        assertTrue(root.has("created_at"));
    }

    /**
     * Issue 12: an inline export goes to the response as it is written. While the client holds the first bytes
     * of a 7 MB file and reads no further, no export file exists anywhere under the data directory (the old path
     * wrote the whole file first and sent it after); the rest then arrives and opens in h5py with its receipt.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void a_sync_export_streams_to_the_client_with_no_file_on_disk(TestDatabase.Kind kind) throws Exception {
        RunningServer server = servers.get(kind);
        String ch = channel();
        define(server, ch, "a", "1000.0", 201);
        define(server, ch, "b", "1000.0", 201);
        double[] values = new double[100_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.5;
        }
        for (String signal : new String[] {"a", "b"}) {
            accepted(server.send(
                    "POST",
                    "/api/v1/channels/" + ch + "/signals/" + signal + "/samples?start=" + T0,
                    "application/octet-stream",
                    float64(values)));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/pivot/export"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"time_range\": {\"start\": \"" + T0
                        + "\", \"duration\": \"PT100S\"}, \"channels\": [\"" + ch + "\"], \"execution\": \"sync\"}"))
                .build();
        HttpResponse<InputStream> response =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Length").isEmpty(), "sent as written, size unknown");
        Path file = Files.createTempFile(dataDir, "streamed", ".h5");
        try (InputStream body = response.body();
                OutputStream out = Files.newOutputStream(file)) {
            out.write(body.readNBytes(1 << 20));
            try (Stream<Path> files = Files.walk(dataDir.resolve(kind.name()))) {
                assertEquals(
                        List.of(),
                        files.filter(f -> f.toString().endsWith(".h5")).toList(),
                        "no export file behind a streamed response");
            }
            body.transferTo(out);
        }
        assertEquals(3 * 100_000 * 8 + 0.0, Files.size(file), 16_384, "three float64/int64 columns and metadata");

        JsonNode summary = H5py.summarize(file);
        JsonNode b = summary.get("datasets").get(ch + "/b");
        assertEquals(100_000, b.get("shape").get(0).asInt());
        assertEquals(49_999.5, Double.longBitsToDouble(bits(b.get("hex").get(99_999))));
        assertEquals(100_000, b.get("attrs").get("samples_read").asLong());
        assertEquals(100_000, b.get("attrs").get("observed_cells").asLong());
        assertEquals(
                "2025-01-23T14:01:39.999000000Z",
                b.get("attrs").get("last_sample").asText());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void invalid_requests_get_problem_details_and_change_nothing(TestDatabase.Kind kind) {
        RunningServer server = servers.get(kind);
        String ch = channel();
        define(server, ch, "v", "1000.0", 201);
        String samples = "/api/v1/channels/" + ch + "/signals/v/samples";
        accepted(server.json("POST", samples, "{\"start\": \"" + T0 + "\", \"values\": [1, 2, 3]}"));

        assertProblem(
                server.send(
                        "POST",
                        samples,
                        "text/csv",
                        "timestamp,value\n2025-01-23T15:00:00Z,1\n2025-01-23T15:00:01Z,NaN\n".getBytes()),
                400,
                "INVALID_REQUEST");
        assertProblem(
                server.json("POST", samples, "{\"start\": \"" + T0 + "\", \"values\": [1, \"x\"]}"),
                400,
                "INVALID_REQUEST");
        assertProblem(
                server.json("POST", samples, "{\"start\": \"" + T0 + "\", \"values\": [1e999]}"),
                400,
                "INVALID_REQUEST");
        assertProblem(
                server.send("POST", samples + "?start=" + T0, "application/octet-stream", new byte[12]),
                400,
                "INVALID_REQUEST");
        assertProblem(
                server.send(
                        "POST",
                        samples + "?start=" + T0,
                        "application/octet-stream",
                        float64(1, Double.POSITIVE_INFINITY)),
                400,
                "INVALID_REQUEST");
        assertProblem(server.send("POST", samples, "application/octet-stream", float64(1)), 400, "INVALID_REQUEST");
        assertProblem(
                server.send("POST", samples, "application/xml", "<x/>".getBytes()), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertProblem(server.json("POST", samples, "{\"start\": "), 400, "MALFORMED_BODY");
        assertEquals(3, signalInfo(server, ch, "v").get("samples").asLong(), "rejected writes changed nothing");

        assertProblem(
                server.json(
                        "POST",
                        "/api/v1/channels/" + ch + "/signals/nope/samples",
                        "{\"start\": \"" + T0 + "\", \"values\": [1]}"),
                404,
                "UNKNOWN_SIGNAL");
        assertProblem(server.json("PUT", "/api/v1/channels/bad%20name/signals/v", "{}"), 400, "INVALID_REQUEST");
        assertProblem(
                server.json("PUT", "/api/v1/channels/" + ch + "/signals/v", "{\"sample_rate_hz\": -1}"),
                400,
                "INVALID_REQUEST");
        assertProblem(server.json("PUT", "/api/v1/channels/" + ch + "/signals/v", "[1]"), 400, "MALFORMED_BODY");
        assertProblem(server.get("/api/v1/nothing-here"), 404, "NOT_FOUND");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void invalid_exports_name_what_is_wrong(TestDatabase.Kind kind) {
        RunningServer server = servers.get(kind);
        String ch = channel();
        define(server, ch, "v", "1000.0", 201);
        String range = "\"time_range\": {\"start\": \"" + T0 + "\", \"duration\": \"PT1S\"}";

        HttpResponse<byte[]> unknown = server.json(
                "POST",
                "/api/v1/pivot/export",
                "{" + range + ", \"channels\": [\"" + ch + "\", \"ghost\"], \"signals\": {\"" + ch
                        + "\": [\"v\", \"w\"]}}");
        assertProblem(unknown, 404, "UNKNOWN_SIGNAL");
        String detail = RunningServer.body(unknown).get("detail").asText();
        assertTrue(detail.contains("ghost") && detail.contains(ch + "/w"), detail);

        HttpResponse<byte[]> invalid = server.json(
                "POST",
                "/api/v1/pivot/export",
                "{\"time_range\": {\"start\": \"yesterday\"}, \"channels\": [\"" + ch + "\"], \"format\": \"xls\", "
                        + "\"colour\": 1}");
        assertProblem(invalid, 400, "INVALID_REQUEST");
        String pointers = RunningServer.body(invalid)
                .get("errors")
                .findValuesAsText("pointer")
                .toString();
        assertTrue(
                pointers.contains("/time_range") && pointers.contains("/format") && pointers.contains("/colour"),
                pointers);

        assertProblem(
                server.json(
                        "POST",
                        "/api/v1/pivot/export",
                        "{\"time_range\": {\"start\": \"" + T0 + "\", \"end\": \"" + T0 + "\"}, \"channels\": [\"" + ch
                                + "\"]}"),
                400,
                "INVALID_REQUEST");
        assertProblem(
                server.json("POST", "/api/v1/pivot/export", "{" + range + ", \"channels\": []}"),
                400,
                "INVALID_REQUEST");
        assertProblem(
                server.json(
                        "POST",
                        "/api/v1/pivot/export",
                        "{" + range + ", \"channels\": [\"" + ch + "\"], \"interval\": \"PT-1S\"}"),
                400,
                "INVALID_REQUEST");
        assertProblem(
                server.json(
                        "POST",
                        "/api/v1/pivot/export",
                        "{\"time_range\": {\"start\": \"" + T0 + "\", \"duration\": \"P3650D\"}, \"channels\": [\"" + ch
                                + "\"]}"),
                413,
                "EXPORT_TOO_LARGE");
        assertProblem(server.json("POST", "/api/v1/pivot/export", "not json"), 400, "MALFORMED_BODY");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void bad_max_gap_and_quality_values_are_400s_naming_the_field(TestDatabase.Kind kind) {
        RunningServer server = servers.get(kind);
        String ch = channel();
        define(server, ch, "v", "1000.0", 201);
        String start = "{\"time_range\": {\"start\": \"" + T0 + "\", \"duration\": \"PT1S\"}, \"channels\": [\"" + ch
                + "\"], ";
        Map<String, String> bad = Map.of(
                "\"max_gap\": \"PT0S\"",
                "/max_gap",
                "\"max_gap\": \"-PT1S\"",
                "/max_gap",
                "\"max_gap\": \"ten seconds\"",
                "/max_gap",
                "\"max_gap\": 10",
                "/max_gap",
                "\"max_gap\": {\"" + ch + "/v\": \"P1M\"}",
                "/max_gap/" + ch + "~1v",
                "\"max_gap\": {\"" + ch + "/w\": \"PT1S\"}",
                "/max_gap/" + ch + "~1w",
                "\"quality\": \"yes\"",
                "/quality",
                "\"quality\": true, \"layout\": \"raw\"",
                "/quality");
        bad.forEach((field, pointer) -> {
            HttpResponse<byte[]> response = server.json("POST", "/api/v1/pivot/export", start + field + "}");
            assertProblem(response, 400, "INVALID_REQUEST");
            String pointers = RunningServer.body(response)
                    .get("errors")
                    .findValuesAsText("pointer")
                    .toString();
            assertEquals("[" + pointer + "]", pointers, field);
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void csv_with_quality_flags_observed_filled_and_missing_cells_within_max_gap(TestDatabase.Kind kind) {
        RunningServer server = servers.get(kind);
        String ch = channel();
        define(server, ch, "v", "10.0", 201);
        // 10 Hz samples at 0.0, 0.1, 0.2 s, then a hole to 1.5 s, then 1.6 s.
        String samples = "/api/v1/channels/" + ch + "/signals/v/samples";
        assertEquals(
                200,
                server.send(
                                "POST",
                                samples,
                                "text/csv",
                                ("timestamp,value\n"
                                                + "2025-01-23T14:00:00Z,0\n2025-01-23T14:00:00.1Z,1\n2025-01-23T14:00:00.2Z,2\n"
                                                + "2025-01-23T14:00:01.5Z,15\n2025-01-23T14:00:01.6Z,16\n")
                                        .getBytes(StandardCharsets.UTF_8))
                        .statusCode());
        String csv = exportCsv(
                server,
                "{\"time_range\": {\"start\": \"" + T0 + "\", \"duration\": \"PT2S\"}, "
                        + "\"channels\": [\"" + ch + "\"], \"format\": \"csv\", \"interval\": \"PT0.25S\", "
                        + "\"fill\": \"previous\", \"max_gap\": \"PT0.5S\", \"quality\": true}");
        // Cells 0, .25, .5, .75, 1, 1.25, 1.5, 1.75: the 1.3 s hole is not bridged; after the last sample (1.6 s)
        // the previous value reaches 0.5 s (to 2.1 s).
        assertEquals(
                "time," + ch + "/v," + ch + "/v:quality\n"
                        + "2025-01-23T14:00:00.000000000Z,1.0,0\n"
                        + "2025-01-23T14:00:00.250000000Z,,2\n"
                        + "2025-01-23T14:00:00.500000000Z,,2\n"
                        + "2025-01-23T14:00:00.750000000Z,,2\n"
                        + "2025-01-23T14:00:01.000000000Z,,2\n"
                        + "2025-01-23T14:00:01.250000000Z,,2\n"
                        + "2025-01-23T14:00:01.500000000Z,15.5,0\n"
                        + "2025-01-23T14:00:01.750000000Z,16.0,1\n",
                csv);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void estimate_sizes_an_export_without_running_it(TestDatabase.Kind kind) {
        RunningServer server = servers.get(kind);
        String ch = channel();
        define(server, ch, "a", "1000.0", 201);
        define(server, ch, "b", "10.0", 201);
        JsonNode estimate = RunningServer.body(server.json(
                "POST",
                "/api/v1/pivot/estimate",
                "{\"time_range\": {\"start\": \"" + T0 + "\", \"duration\": \"PT1H\"}, \"channels\": [\"" + ch
                        + "\"]}"));
        assertEquals(3_600_000, estimate.get("rows").asLong());
        assertEquals(2, estimate.get("columns").asInt());
        assertTrue(estimate.get("estimated_bytes").asLong() >= 3_600_000L * 8 * 3, estimate.toString());
        assertEquals("async", estimate.get("route").asText());
    }

    private static String exportCsv(RunningServer server, String request) {
        HttpResponse<byte[]> response = server.json("POST", "/api/v1/pivot/export", request);
        assertEquals(200, response.statusCode(), new String(response.body()));
        assertEquals(
                "text/csv",
                response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    static byte[] float64(double... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double value : values) {
            buffer.putDouble(value);
        }
        return buffer.array();
    }

    /** The raw bits of a value printed by Python's float.hex(), which Java reads as a hex literal. */
    static long bits(JsonNode pythonHex) {
        String hex = pythonHex.asText();
        if (hex.equals("nan")) {
            return Double.doubleToRawLongBits(Double.NaN);
        }
        return Double.doubleToRawLongBits(Double.parseDouble(hex.replace("inf", "Infinity")));
    }
}
