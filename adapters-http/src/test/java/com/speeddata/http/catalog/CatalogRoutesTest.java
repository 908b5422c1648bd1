package com.speeddata.http.catalog;

import static com.speeddata.http.RouteServer.assertProblem;
import static com.speeddata.http.RouteServer.body;
import static com.speeddata.http.RouteServer.pointers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.speeddata.http.RouteServer;
import com.speeddata.jobs.access.Caller;
import com.speeddata.pivot.catalog.SignalKey;
import com.speeddata.pivot.sample.SampleBlock;
import com.speeddata.pivot.testing.InMemorySignalStores;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Defining, listing and deleting signals, and deleting samples in a range, over in-memory stores. */
class CatalogRoutesTest {
    private static final String VOLTAGE = "/api/v1/channels/ch1/signals/voltage";
    private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
    private static final long SECOND = 1_000_000_000L;

    private final InMemorySignalStores stores = new InMemorySignalStores();
    private RouteServer server;

    @BeforeEach
    void start() {
        server = RouteServer.start(List.of(new CatalogRoutes(stores)::register));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void put_creates_a_signal_with_201_and_updates_it_with_200() {
        HttpResponse<String> created =
                server.put(VOLTAGE, "{\"unit\": \"V\", \"sample_rate_hz\": 1000.0, \"description\": \"mains\"}");
        assertEquals(201, created.statusCode(), created.body());
        JsonNode signal = body(created);
        assertEquals("voltage", signal.get("name").asText());
        assertEquals("V", signal.get("unit").asText());
        assertEquals(1000.0, signal.get("sample_rate_hz").asDouble());
        assertEquals(0, signal.get("samples").asLong());
        assertTrue(signal.get("first").isNull());

        HttpResponse<String> updated = server.put(VOLTAGE, "{\"unit\": \"mV\", \"sample_rate_hz\": null}");
        assertEquals(200, updated.statusCode(), updated.body());
        assertEquals("mV", body(updated).get("unit").asText());
        assertTrue(body(updated).get("sample_rate_hz").isNull(), "null: an irregular signal");
    }

    @Test
    void the_listing_groups_signals_by_channel_with_their_stored_range_and_count() {
        server.put(VOLTAGE, "{\"unit\": \"V\", \"sample_rate_hz\": 1.0}");
        server.put("/api/v1/channels/ch1/signals/current", "{\"unit\": \"A\", \"sample_rate_hz\": 1.0}");
        server.put("/api/v1/channels/ch2/signals/status", "{\"unit\": \"\"}");
        writeSeconds("ch1", "voltage", 10);

        JsonNode channels = body(server.get("/api/v1/channels")).get("channels");

        assertEquals(2, channels.size(), channels.toString());
        JsonNode ch1 = channels.get(0);
        assertEquals("ch1", ch1.get("name").asText());
        assertEquals(2, ch1.get("signals").size());
        JsonNode voltage = signal(ch1, "voltage");
        assertEquals(10, voltage.get("samples").asLong());
        assertEquals(START, Instant.parse(voltage.get("first").asText()));
        assertEquals(START.plusSeconds(9), Instant.parse(voltage.get("last").asText()));
        assertEquals(0, signal(ch1, "current").get("samples").asLong());
        assertEquals("ch2", channels.get(1).get("name").asText());
        assertTrue(signal(channels.get(1), "status").get("sample_rate_hz").isNull());
    }

    @Test
    void a_bad_definition_is_one_400_naming_every_bad_field() {
        JsonNode problem = assertProblem(
                server.put(VOLTAGE, "{\"unit\": 5, \"sample_rate_hz\": -1, \"colour\": \"red\"}"),
                400,
                "INVALID_REQUEST");
        List<String> pointers = pointers(problem);
        assertTrue(pointers.containsAll(List.of("/unit", "/sample_rate_hz", "/colour")), problem.toString());
        assertProblem(server.put(VOLTAGE, "{\"unit\": \"V\", \"sample_rate_hz\": 2e9}"), 400, "INVALID_REQUEST");
        assertProblem(server.put(VOLTAGE, "{\"unit\": \"" + "x".repeat(1025) + "\"}"), 400, "INVALID_REQUEST");
        assertProblem(server.put(VOLTAGE, "[1, 2]"), 400, "MALFORMED_BODY");
        assertProblem(server.put(VOLTAGE, "{\"unit\": "), 400, "MALFORMED_BODY");
        assertProblem(server.put(VOLTAGE, ""), 400, "MALFORMED_BODY");
        assertEquals(0, stores.catalog(Caller.LOCAL.tenant()).list().size(), "nothing defined");
    }

    @Test
    void a_name_outside_the_rule_is_400_pointing_at_the_channel_or_signal() {
        String tooLong = "c".repeat(65);
        JsonNode problem = assertProblem(
                server.put("/api/v1/channels/" + tooLong + "/signals/v%2Bw", "{\"unit\": \"V\"}"),
                400,
                "INVALID_REQUEST");
        assertEquals(List.of("/channel", "/signal"), pointers(problem));
        assertTrue(problem.get("errors").get(0).get("detail").asText().contains("[A-Za-z0-9_.-]{1,64}"));
    }

    @Test
    void a_definition_sent_as_anything_but_json_is_415() {
        HttpResponse<String> form = server.send(server.request(VOLTAGE)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(HttpRequest.BodyPublishers.ofString("unit=V")));
        assertProblem(form, 415, "UNSUPPORTED_MEDIA_TYPE");
        HttpResponse<String> none =
                server.send(server.request(VOLTAGE).PUT(HttpRequest.BodyPublishers.ofString("{\"unit\": \"V\"}")));
        assertProblem(none, 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void delete_removes_a_signal_with_204_and_then_it_is_404() {
        server.put(VOLTAGE, "{\"unit\": \"V\", \"sample_rate_hz\": 1.0}");
        writeSeconds("ch1", "voltage", 3);
        HttpResponse<String> deleted = server.delete(VOLTAGE);
        assertEquals(204, deleted.statusCode(), deleted.body());
        assertEquals(0, body(server.get("/api/v1/channels")).get("channels").size());
        JsonNode problem = assertProblem(server.delete(VOLTAGE), 404, "UNKNOWN_SIGNAL");
        assertTrue(problem.get("detail").asText().contains("ch1/voltage"), problem.toString());
    }

    @Test
    void deleting_samples_removes_the_half_open_range_and_counts_them() {
        server.put(VOLTAGE, "{\"unit\": \"V\", \"sample_rate_hz\": 1.0}");
        writeSeconds("ch1", "voltage", 10);
        HttpResponse<String> deleted =
                server.delete(VOLTAGE + "/samples?start=" + START.plusSeconds(2) + "&end=" + START.plusSeconds(5));
        assertEquals(200, deleted.statusCode(), deleted.body());
        assertEquals(3, body(deleted).get("deleted").asLong(), "seconds 2, 3 and 4: the end is excluded");
        JsonNode voltage =
                signal(body(server.get("/api/v1/channels")).get("channels").get(0), "voltage");
        assertEquals(7, voltage.get("samples").asLong());
    }

    @Test
    void deleting_samples_without_a_valid_range_is_400_naming_each_bad_parameter() {
        server.put(VOLTAGE, "{\"unit\": \"V\", \"sample_rate_hz\": 1.0}");
        assertEquals(
                List.of("/start", "/end"),
                pointers(assertProblem(server.delete(VOLTAGE + "/samples"), 400, "INVALID_REQUEST")));
        assertEquals(
                List.of("/start"),
                pointers(assertProblem(
                        server.delete(VOLTAGE + "/samples?start=yesterday&end=" + START), 400, "INVALID_REQUEST")));
        assertEquals(
                List.of("/end"),
                pointers(assertProblem(
                        server.delete(VOLTAGE + "/samples?start=" + START.plusSeconds(1) + "&end=" + START),
                        400,
                        "INVALID_REQUEST")));
        assertEquals(
                List.of("/start"),
                pointers(assertProblem(
                        server.delete(VOLTAGE + "/samples?start=1500-01-01T00:00:00Z&end=" + START),
                        400,
                        "INVALID_REQUEST")),
                "before what int64 nanoseconds hold");
    }

    /** {@code count} samples, one a second from {@link #START}, straight into the store. */
    private void writeSeconds(String channel, String signal, int count) {
        long[] times = new long[count];
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            times[i] = START.getEpochSecond() * SECOND + i * SECOND;
            values[i] = i;
        }
        stores.samples(Caller.LOCAL.tenant())
                .write(
                        new SignalKey(channel, signal),
                        List.of(new SampleBlock(times, values)).iterator());
    }

    private static JsonNode signal(JsonNode channel, String name) {
        for (JsonNode signal : channel.get("signals")) {
            if (signal.get("name").asText().equals(name)) {
                return signal;
            }
        }
        throw new AssertionError("no signal " + name + " in " + channel);
    }
}
