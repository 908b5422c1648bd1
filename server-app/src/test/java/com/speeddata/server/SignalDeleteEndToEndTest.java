package com.speeddata.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Issue 11 item 5 end to end: DELETE of a signal and of a sample range over real HTTP, on both stores. */
class SignalDeleteEndToEndTest {
    private static final String T0 = "2025-01-23T14:00:00Z";
    private static final Map<TestDatabase.Kind, TestDatabase> databases = new EnumMap<>(TestDatabase.Kind.class);
    private static final Map<TestDatabase.Kind, RunningServer> servers = new EnumMap<>(TestDatabase.Kind.class);

    @TempDir
    static Path dataDir;

    @BeforeAll
    static void startServers() {
        for (TestDatabase.Kind kind : TestDatabase.Kind.values()) {
            TestDatabase database = TestDatabase.create(kind);
            databases.put(kind, database);
            servers.put(kind, RunningServer.start(database, dataDir.resolve(kind.name()), Map.of()));
        }
    }

    @AfterAll
    static void stopServers() {
        servers.values().forEach(RunningServer::close);
        databases.values().forEach(TestDatabase::close);
    }

    private static String channel() {
        return "del_" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A 1 Hz signal with values 0..n-1 from T0. */
    private static String signalWithSeconds(RunningServer server, String ch, String signal, int n) {
        String path = "/api/v1/channels/" + ch + "/signals/" + signal;
        HttpResponse<byte[]> defined = server.json("PUT", path, "{\"unit\": \"V\", \"sample_rate_hz\": 1.0}");
        assertEquals(201, defined.statusCode(), new String(defined.body()));
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < n; i++) {
            values.append(i == 0 ? "" : ", ").append(i);
        }
        HttpResponse<byte[]> stored =
                server.json("POST", path + "/samples", "{\"start\": \"" + T0 + "\", \"values\": [" + values + "]}");
        assertEquals(200, stored.statusCode(), new String(stored.body()));
        return path;
    }

    private static HttpResponse<byte[]> delete(RunningServer server, String path) {
        return server.send("DELETE", path, null, null);
    }

    private static JsonNode listed(RunningServer server, String ch, String signal) {
        for (JsonNode c : RunningServer.body(server.get("/api/v1/channels")).get("channels")) {
            if (c.get("name").asText().equals(ch)) {
                for (JsonNode s : c.get("signals")) {
                    if (s.get("name").asText().equals(signal)) {
                        return s;
                    }
                }
            }
        }
        return null;
    }

    private static void assertProblem(HttpResponse<byte[]> response, int status, String code) {
        assertEquals(status, response.statusCode(), new String(response.body()));
        assertEquals(
                "application/problem+json",
                response.headers().firstValue("Content-Type").orElse(""));
        assertEquals(code, RunningServer.body(response).get("code").asText());
    }

    private static String csvExport(RunningServer server, String ch) {
        HttpResponse<byte[]> response = server.json(
                "POST",
                "/api/v1/pivot/export",
                "{\"time_range\": {\"start\": \""
                        + T0 + "\", \"duration\": \"PT10S\"}, \"channels\": [\"" + ch + "\"], \"format\": \"csv\","
                        + " \"fill\": \"none\", \"execution\": \"sync\"}");
        assertEquals(200, response.statusCode(), new String(response.body()));
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void deleting_a_sample_range_leaves_a_gap_in_the_listing_and_the_export(TestDatabase.Kind kind) {
        RunningServer server = servers.get(kind);
        String ch = channel();
        String path = signalWithSeconds(server, ch, "v", 10);

        HttpResponse<byte[]> deleted =
                delete(server, path + "/samples?start=2025-01-23T14:00:02Z" + "&end=2025-01-23T15:00:05%2B01:00");
        assertEquals(200, deleted.statusCode(), new String(deleted.body()));
        assertEquals(3, RunningServer.body(deleted).get("deleted").asLong(), "[2 s, 5 s): the end is kept");

        JsonNode info = listed(server, ch, "v");
        assertEquals(7, info.get("samples").asLong());
        assertEquals(T0, info.get("first").asText());
        assertEquals("2025-01-23T14:00:09Z", info.get("last").asText());
        assertEquals(
                "time," + ch + "/v\n"
                        + "2025-01-23T14:00:00.000000000Z,0.0\n2025-01-23T14:00:01.000000000Z,1.0\n"
                        + "2025-01-23T14:00:02.000000000Z,\n2025-01-23T14:00:03.000000000Z,\n"
                        + "2025-01-23T14:00:04.000000000Z,\n2025-01-23T14:00:05.000000000Z,5.0\n"
                        + "2025-01-23T14:00:06.000000000Z,6.0\n2025-01-23T14:00:07.000000000Z,7.0\n"
                        + "2025-01-23T14:00:08.000000000Z,8.0\n2025-01-23T14:00:09.000000000Z,9.0\n",
                csvExport(server, ch));

        // the first and last samples: the listing's bounds follow
        assertEquals(
                1,
                RunningServer.body(
                                delete(server, path + "/samples?start=" + T0 + "&end=2025-01-23T14:00:00.000000001Z"))
                        .get("deleted")
                        .asLong());
        assertEquals(
                1,
                RunningServer.body(delete(
                                server, path + "/samples?start=2025-01-23T14:00:09Z" + "&end=2262-04-11T23:47:16Z"))
                        .get("deleted")
                        .asLong());
        info = listed(server, ch, "v");
        assertEquals(5, info.get("samples").asLong());
        assertEquals("2025-01-23T14:00:01Z", info.get("first").asText());
        assertEquals("2025-01-23T14:00:08Z", info.get("last").asText());

        assertEquals(
                0,
                RunningServer.body(delete(server, path + "/samples?start=" + T0 + "&end=" + T0))
                        .get("deleted")
                        .asLong(),
                "an empty range deletes nothing");
        assertEquals(
                5,
                RunningServer.body(delete(
                                server, path + "/samples?start=1677-09-22T00:00:00Z&end=" + "2262-04-11T00:00:00Z"))
                        .get("deleted")
                        .asLong());
        info = listed(server, ch, "v");
        assertEquals(0, info.get("samples").asLong());
        assertTrue(info.get("first").isNull() && info.get("last").isNull(), info.toString());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void deleting_a_signal_removes_it_and_leaves_its_neighbours(TestDatabase.Kind kind) {
        RunningServer server = servers.get(kind);
        String ch = channel();
        String path = signalWithSeconds(server, ch, "v", 10);
        signalWithSeconds(server, ch, "w", 4);

        HttpResponse<byte[]> deleted = delete(server, path);
        assertEquals(204, deleted.statusCode(), new String(deleted.body()));
        assertEquals(0, deleted.body().length);
        assertEquals(null, listed(server, ch, "v"));
        assertEquals(4, listed(server, ch, "w").get("samples").asLong(), "the other signal is untouched");
        String csv = csvExport(server, ch);
        assertTrue(csv.startsWith("time," + ch + "/w\n"), csv);
        assertFalse(csv.contains(ch + "/v"), csv);
        assertProblem(
                server.json("POST", path + "/samples", "{\"start\": \"" + T0 + "\", \"values\": [1]}"),
                404,
                "UNKNOWN_SIGNAL");
        assertProblem(delete(server, path), 404, "UNKNOWN_SIGNAL");

        HttpResponse<byte[]> again = server.json("PUT", path, "{\"unit\": \"mV\", \"sample_rate_hz\": 1.0}");
        assertEquals(201, again.statusCode(), "defined anew: " + new String(again.body()));
        JsonNode fresh = listed(server, ch, "v");
        assertEquals(0, fresh.get("samples").asLong(), "no sample of the deleted signal comes back");
        assertEquals("mV", fresh.get("unit").asText());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void invalid_deletes_are_problems_and_change_nothing(TestDatabase.Kind kind) {
        RunningServer server = servers.get(kind);
        String ch = channel();
        String samples = signalWithSeconds(server, ch, "v", 10) + "/samples";
        for (String query : new String[] {
            "",
            "?start=" + T0,
            "?end=" + T0,
            "?start=2025-01-23T14:00:05Z&end=" + T0,
            "?start=yesterday&end=" + T0,
            "?start=" + T0 + "&end=2025-01-23T14:00:05",
            "?start=1600-01-01T00:00:00Z&end=" + T0,
            "?start=" + T0 + "&end=2300-01-01T00:00:00Z"
        }) {
            HttpResponse<byte[]> refused = delete(server, samples + query);
            assertProblem(refused, 400, "INVALID_REQUEST");
            assertTrue(RunningServer.body(refused).has("errors"), query);
        }
        JsonNode reversed = RunningServer.body(delete(server, samples + "?start=2025-01-23T14:00:05Z&end=" + T0));
        assertEquals("/end", reversed.get("errors").get(0).get("pointer").asText());
        assertProblem(
                delete(server, "/api/v1/channels/" + ch + "/signals/nope/samples?start=" + T0 + "&end=" + T0),
                404,
                "UNKNOWN_SIGNAL");
        assertProblem(delete(server, "/api/v1/channels/" + ch + "/signals/nope"), 404, "UNKNOWN_SIGNAL");
        assertProblem(delete(server, "/api/v1/channels/bad%20name/signals/v"), 400, "INVALID_REQUEST");
        assertEquals(10, listed(server, ch, "v").get("samples").asLong(), "refused deletes deleted nothing");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void an_export_job_whose_signal_is_deleted_completes_or_fails_as_unknown_signal(TestDatabase.Kind kind)
            throws Exception {
        RunningServer server = servers.get(kind);
        String ch = channel();
        String path = "/api/v1/channels/" + ch + "/signals/v";
        server.json("PUT", path, "{\"unit\": \"V\", \"sample_rate_hz\": 1000}");
        double[] values = new double[600_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.sin(i / 100.0);
        }
        assertEquals(
                200,
                server.send(
                                "POST",
                                path + "/samples?start=" + T0,
                                "application/octet-stream",
                                PivotExportEndToEndTest.float64(values))
                        .statusCode());
        HttpResponse<byte[]> accepted = server.json(
                "POST",
                "/api/v1/pivot/export",
                "{\"time_range\": {\"start\": \"" + T0 + "\", \"duration\": \"PT600S\"}, \"channels\": [\"" + ch
                        + "\"], \"execution\": \"async\"}");
        assertEquals(202, accepted.statusCode(), new String(accepted.body()));
        String poll = RunningServer.body(accepted).get("poll_url").asText();

        assertEquals(204, delete(server, path).statusCode(), "a delete does not wait for the export");
        JsonNode job = awaitEnd(server, poll);
        // Before the job read the signal: it no longer plans. While it read: the next page of samples finds the
        // signal gone. Either way UNKNOWN_SIGNAL; only a job that had read everything completes.
        if (job.get("status").asText().equals("failed")) {
            assertEquals("UNKNOWN_SIGNAL", job.get("error").get("code").asText(), job.toString());
            // names the signal, or the channel when the job planned after its only signal was gone
            assertTrue(job.get("error").get("message").asText().contains(ch), job.toString());
        } else {
            assertEquals("completed", job.get("status").asText(), job.toString());
        }
    }

    private static JsonNode awaitEnd(RunningServer server, String poll) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonNode job;
        do {
            HttpResponse<byte[]> response = server.get(poll);
            assertEquals(200, response.statusCode(), new String(response.body()));
            job = RunningServer.body(response);
            if (Set.of("completed", "failed", "cancelled")
                    .contains(job.get("status").asText())) {
                return job;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the job never ended: " + job);
    }
}
