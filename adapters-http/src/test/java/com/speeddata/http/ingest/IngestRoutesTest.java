package com.speeddata.http.ingest;

import static com.speeddata.http.RouteServer.assertProblem;
import static com.speeddata.http.RouteServer.body;
import static com.speeddata.http.RouteServer.pointers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.speeddata.http.RouteServer;
import com.speeddata.jobs.access.Caller;
import com.speeddata.pivot.catalog.SignalDefinition;
import com.speeddata.pivot.catalog.SignalInfo;
import com.speeddata.pivot.catalog.SignalKey;
import com.speeddata.pivot.testing.InMemorySignalStores;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST .../samples} in each of its three body types over in-memory stores: what is accepted, and the
 * problem+json a client gets for each kind of bad body.
 */
class IngestRoutesTest {
    private static final String START = "2026-01-05T00:00:00Z";
    private static final SignalKey REGULAR = new SignalKey("ch1", "voltage");
    private static final SignalKey IRREGULAR = new SignalKey("ch1", "status");
    private static final String REGULAR_SAMPLES = "/api/v1/channels/ch1/signals/voltage/samples";
    private static final String IRREGULAR_SAMPLES = "/api/v1/channels/ch1/signals/status/samples";

    @TempDir
    Path spool;

    private final InMemorySignalStores stores = new InMemorySignalStores();
    private RouteServer server;

    @BeforeEach
    void start() {
        stores.catalog(Caller.LOCAL.tenant()).define(new SignalDefinition(REGULAR, "V", 1000.0, ""));
        stores.catalog(Caller.LOCAL.tenant()).define(new SignalDefinition(IRREGULAR, "", null, ""));
        server = RouteServer.start(List.of(new IngestRoutes(stores, 1 << 20, spool)::register));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void json_values_from_a_start_are_placed_at_the_signals_rate() {
        HttpResponse<String> response =
                server.post(REGULAR_SAMPLES, "{\"start\": \"" + START + "\", \"values\": [1.5, 2.5, 3.5]}");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(3, body(response).get("accepted").asLong());
        SignalInfo stored = stored(REGULAR);
        assertEquals(3, stored.stats().samples());
        assertEquals(nanos(START) + 2_000_000L, stored.stats().lastNs(), "1 kHz: the third sample 2 ms on");
    }

    @Test
    void json_timestamps_may_be_instants_or_nanoseconds() {
        long later = nanos(START) + 1_500L;
        HttpResponse<String> response = server.post(
                IRREGULAR_SAMPLES, "{\"timestamps\": [\"" + START + "\", " + later + "], \"values\": [0, 1]}");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(2, body(response).get("accepted").asLong());
        assertEquals(later, stored(IRREGULAR).stats().lastNs());
    }

    @Test
    void csv_with_its_header_is_accepted() {
        HttpResponse<String> response = server.send(server.request(IRREGULAR_SAMPLES)
                .header("Content-Type", "text/csv; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "timestamp,value\n" + START + ",1\n2026-01-05T00:00:01.5Z,2\n")));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(2, body(response).get("accepted").asLong());
        assertEquals(nanos("2026-01-05T00:00:01.5Z"), stored(IRREGULAR).stats().lastNs());
    }

    @Test
    void little_endian_float64_values_from_a_start_parameter_are_accepted() {
        HttpResponse<String> response = binary(REGULAR_SAMPLES + "?start=" + START, floats(1, 2, 3, 4));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(4, body(response).get("accepted").asLong());
        assertEquals(nanos(START) + 3_000_000L, stored(REGULAR).stats().lastNs());
    }

    @Test
    void a_bad_json_body_is_400_pointing_at_the_field() {
        assertEquals(
                List.of("/values"),
                pointers(assertProblem(
                        server.post(IRREGULAR_SAMPLES, "{\"timestamps\": [\"" + START + "\"], \"values\": [1, 2]}"),
                        400,
                        "INVALID_REQUEST")));
        assertEquals(
                List.of("/start"),
                pointers(assertProblem(
                        server.post(
                                REGULAR_SAMPLES,
                                "{\"start\": \"" + START + "\", \"timestamps\": [0], \"values\": [1]}"),
                        400,
                        "INVALID_REQUEST")));
        assertProblem(
                server.post(REGULAR_SAMPLES, "{\"start\": \"" + START + "\", \"values\": [1,"), 400, "MALFORMED_BODY");
        assertEquals(
                0, stored(REGULAR).stats().samples() + stored(IRREGULAR).stats().samples(), "nothing stored");
    }

    @Test
    void a_csv_line_that_does_not_parse_is_400_naming_the_line() {
        HttpResponse<String> response = server.send(server.request(IRREGULAR_SAMPLES)
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("timestamp,value\n" + START + ",one\n")));
        JsonNode problem = assertProblem(response, 400, "INVALID_REQUEST");
        assertEquals(List.of("/line/2"), pointers(problem));
        assertEquals(
                List.of("/line/1"),
                pointers(assertProblem(
                        server.send(server.request(IRREGULAR_SAMPLES)
                                .header("Content-Type", "text/csv")
                                .POST(HttpRequest.BodyPublishers.ofString("time;value\n"))),
                        400,
                        "INVALID_REQUEST")));
    }

    @Test
    void a_binary_body_without_start_with_a_partial_value_or_a_nan_is_400() {
        assertEquals(
                List.of("/start"), pointers(assertProblem(binary(REGULAR_SAMPLES, floats(1)), 400, "INVALID_REQUEST")));
        assertEquals(
                List.of("/start"),
                pointers(assertProblem(
                        binary(IRREGULAR_SAMPLES + "?start=" + START, floats(1)), 400, "INVALID_REQUEST")),
                "an irregular signal has no rate to place values by");
        assertEquals(
                List.of("/body"),
                pointers(assertProblem(
                        binary(REGULAR_SAMPLES + "?start=" + START, new byte[7]), 400, "INVALID_REQUEST")));
        JsonNode nan = assertProblem(
                binary(REGULAR_SAMPLES + "?start=" + START, floats(1, Double.NaN)), 400, "INVALID_REQUEST");
        assertTrue(nan.get("detail").asText().contains("NaN"), nan.toString());
        assertEquals(0, stored(REGULAR).stats().samples(), "nothing stored");
    }

    @Test
    void samples_for_a_signal_never_defined_are_404_naming_it() {
        JsonNode problem = assertProblem(
                server.post(
                        "/api/v1/channels/ch1/signals/nope/samples", "{\"start\": \"" + START + "\", \"values\": [1]}"),
                404,
                "UNKNOWN_SIGNAL");
        assertTrue(problem.get("detail").asText().contains("ch1/nope"), problem.toString());
    }

    @Test
    void a_body_without_a_content_type_or_of_another_type_is_415() {
        assertProblem(
                server.send(server.request(REGULAR_SAMPLES).POST(HttpRequest.BodyPublishers.ofString("1,2"))),
                415,
                "UNSUPPORTED_MEDIA_TYPE");
        assertProblem(
                server.send(server.request(REGULAR_SAMPLES)
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("1,2"))),
                415,
                "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void a_body_over_the_size_limit_is_413() {
        assertProblem(binary(REGULAR_SAMPLES + "?start=" + START, new byte[(1 << 20) + 8]), 413, "BODY_TOO_LARGE");
    }

    private HttpResponse<String> binary(String path, byte[] body) {
        return server.send(server.request(path)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static byte[] floats(double... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (double value : values) {
            buffer.putDouble(value);
        }
        return buffer.array();
    }

    private SignalInfo stored(SignalKey key) {
        return stores.catalog(Caller.LOCAL.tenant()).find(key).orElseThrow();
    }

    private static long nanos(String instant) {
        Instant parsed = Instant.parse(instant);
        return parsed.getEpochSecond() * 1_000_000_000L + parsed.getNano();
    }
}
