package com.speeddata.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL that drops its connections or goes down for real: every request answers 503 DATABASE_BUSY with
 * Retry-After (never 500), fails fast while the database is known to be down, and the service recovers on its own.
 * The restart test stops PostgreSQL for a few seconds, once; a finally block always starts it again.
 */
class DatabaseFaultTest {
    private static final String T0 = "2025-01-23T14:00:00Z";
    /** Events of the score batch the restart interrupts (the run lost 5,000 of 20,000). */
    private static final int BATCH_EVENTS = 20_000;

    @TempDir
    Path dir;

    @Test
    void terminated_backends_answer_503_database_busy_at_worst_and_the_next_request_gets_a_fresh_connection()
            throws Exception {
        String application = "speeddata_fault_" + UUID.randomUUID().toString().substring(0, 8);
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRES);
                RunningServer server = RunningServer.start(
                        withApplicationName(database, application), dir, Map.of("JOB_WORKERS", "1"))) {
            ingest(server);
            Map<String, Integer> firstAfterKill = new LinkedHashMap<>();
            for (Map.Entry<String, Supplier<HttpResponse<byte[]>>> route :
                    routes(server).entrySet()) {
                // One outage at a time: the pool refills itself after the last one in the background, and a
                // connection still being opened when the backends are terminated would die with them.
                Thread.sleep(1_000);
                assertSuccess(route.getKey(), route.getValue().get()); // warms the pool's connections
                assertTrue(PostgresControl.terminateBackends(application) > 0, "backends to terminate");
                HttpResponse<byte[]> hit = route.getValue().get();
                firstAfterKill.put(route.getKey(), hit.statusCode());
                if (hit.statusCode() >= 300) {
                    assertDatabaseBusy(route.getKey(), hit);
                }
                assertSuccess(route.getKey() + " right after", route.getValue().get());
            }
            System.out.println(
                    "DatabaseFaultTest: first answer after pg_terminate_backend, by route: " + firstAfterKill);
        }
    }

    @Test
    void with_postgres_down_requests_fail_fast_with_503_and_the_service_recovers_when_it_is_back() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRES);
                RunningServer server = RunningServer.start(database, dir, Map.of("JOB_WORKERS", "1"))) {
            ingest(server);
            Map<String, Supplier<HttpResponse<byte[]>>> routes = routes(server);
            List<Long> fastMillis = new ArrayList<>();
            long firstMillis;
            long readyMillis;
            String batch = UUID.randomUUID().toString();
            try {
                storeEvents(server, BATCH_EVENTS);
                assertEquals(
                        202,
                        server.json(
                                        "POST",
                                        "/v1/score/batch",
                                        "{\"job_id\": \"" + batch + "\", \"selection\": {\"unscored\": true}}")
                                .statusCode());
                long scoredBeforeStop = awaitScoring(server, batch);
                System.out.println("DatabaseFaultTest: stopping PostgreSQL with " + scoredBeforeStop + " of "
                        + BATCH_EVENTS + " events of the batch scored");
                PostgresControl.stop();
                long start = System.nanoTime();
                assertDatabaseBusy("first request", server.get("/api/v1/channels"));
                firstMillis = (System.nanoTime() - start) / 1_000_000;
                for (int round = 0; round < 2; round++) {
                    for (Map.Entry<String, Supplier<HttpResponse<byte[]>>> route : routes.entrySet()) {
                        long t = System.nanoTime();
                        assertDatabaseBusy(route.getKey(), route.getValue().get());
                        fastMillis.add((System.nanoTime() - t) / 1_000_000);
                    }
                }
                long t = System.nanoTime();
                HttpResponse<byte[]> ready = server.get("/ready");
                readyMillis = (System.nanoTime() - t) / 1_000_000;
                assertEquals(503, ready.statusCode(), new String(ready.body()));
            } finally {
                PostgresControl.ensureRunning();
            }
            System.out.println("DatabaseFaultTest: PostgreSQL down: first 503 after " + firstMillis
                    + " ms (the pool's connection timeout), then 503 in " + fastMillis + " ms; /ready 503 in "
                    + readyMillis + " ms");
            // One request discovers the outage by waiting out the pool's timeout: the first, or, when the first met a
            // connection broken in use (answered at once), the one after it. Once the database is known to be
            // down, no request waits.
            List<Long> all = new ArrayList<>(List.of(firstMillis));
            all.addAll(fastMillis);
            long waited = all.stream().filter(millis -> millis >= 2_000).count();
            assertTrue(waited <= 1, "at most one request waits for the pool's timeout: " + all);
            int discovery = all.get(0) >= 2_000 ? 0 : 1;
            long slowest = all.subList(discovery + 1, all.size()).stream()
                    .mapToLong(Long::longValue)
                    .max()
                    .orElseThrow();
            assertTrue(
                    slowest < 2_000,
                    "known down: no request waits for the pool's 5 s timeout, slowest " + slowest + " ms: " + all);
            assertTrue(readyMillis < 2_000, "/ready answers within its 2 s: " + readyMillis + " ms");

            long back = System.nanoTime();
            awaitSuccess(server, "/api/v1/channels");
            System.out.println("DatabaseFaultTest: serving again " + (System.nanoTime() - back) / 1_000_000
                    + " ms after PostgreSQL accepted connections");
            for (Map.Entry<String, Supplier<HttpResponse<byte[]>>> route : routes.entrySet()) {
                assertSuccess(
                        route.getKey() + " after recovery", route.getValue().get());
            }
            assertEquals(200, server.get("/ready").statusCode());

            JsonNode done = awaitBatch(server, batch);
            assertEquals("completed", done.get("status").asText(), done.toString());
            assertEquals(BATCH_EVENTS, done.get("total").asInt(), "the selection fixed at acceptance: " + done);
            JsonNode results = TestHttp.body(server.get("/v1/score/batch/" + batch + "/results"))
                    .get("results");
            assertEquals(BATCH_EVENTS, results.size(), "every event of the selection is in the results");
        } finally {
            PostgresControl.ensureRunning();
        }
    }

    private static void storeEvents(TestHttp server, int count) {
        for (int from = 0; from < count; from += 10_000) {
            StringBuilder body = new StringBuilder("{\"events\": [");
            for (int i = from; i < Math.min(count, from + 10_000); i++) {
                body.append(i == from ? "" : ",")
                        .append("{\"ticker\": \"ACME\", \"headline\": \"Acme beats estimates ")
                        .append(i)
                        .append("\", \"published_at\": \"2026-01-05T14:30:00Z\"}");
            }
            assertSuccess(
                    "store events",
                    server.json("POST", "/v1/events", body.append("]}").toString()));
        }
    }

    /** Waits until the batch has scored something; returns how much (all of it when it was too quick to catch). */
    private static long awaitScoring(TestHttp server, String batch) throws InterruptedException {
        for (int i = 0; i < 3000; i++) {
            JsonNode status = TestHttp.body(server.get("/v1/score/batch/" + batch));
            if (status.path("scored").asLong() > 0
                    || status.path("status").asText().equals("completed")) {
                return status.path("scored").asLong();
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the batch never started");
    }

    private static JsonNode awaitBatch(TestHttp server, String batch) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            JsonNode status = TestHttp.body(server.get("/v1/score/batch/" + batch));
            if (List.of("completed", "failed").contains(status.path("status").asText())) {
                return status;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the batch never finished");
    }

    private static TestDatabase withApplicationName(TestDatabase database, String application) {
        return database.withParameter("ApplicationName", application);
    }

    private static void ingest(TestHttp server) {
        server.json("PUT", "/api/v1/channels/rig/signals/v", "{\"unit\": \"V\", \"sample_rate_hz\": 10}");
        assertSuccess(
                "ingest",
                server.json(
                        "POST",
                        "/api/v1/channels/rig/signals/v/samples",
                        "{\"start\": \"" + T0 + "\", \"values\": [1, 2, 3]}"));
    }

    /** The routes the issue names: listings, /metrics, an ingest, an export. */
    private static Map<String, Supplier<HttpResponse<byte[]>>> routes(TestHttp server) {
        Map<String, Supplier<HttpResponse<byte[]>>> routes = new LinkedHashMap<>();
        routes.put("channel listing", () -> server.get("/api/v1/channels"));
        routes.put("event listing", () -> server.get("/v1/events"));
        routes.put("metrics", () -> server.get("/metrics"));
        routes.put(
                "ingest",
                () -> server.json(
                        "POST",
                        "/api/v1/channels/rig/signals/v/samples",
                        "{\"start\": \"" + T0 + "\", \"values\": [1, 2, 3]}"));
        routes.put(
                "export",
                () -> server.json(
                        "POST",
                        "/api/v1/pivot/export",
                        "{\"time_range\": {\"start\": \"" + T0 + "\", \"end\": \"2025-01-23T14:00:01Z\"}, "
                                + "\"channels\": [\"rig\"], \"signals\": {\"rig\": \"*\"}, \"format\": \"csv\"}"));
        return routes;
    }

    private static void assertSuccess(String what, HttpResponse<byte[]> response) {
        assertTrue(
                response.statusCode() < 300, what + ": " + response.statusCode() + " " + new String(response.body()));
    }

    private static void assertDatabaseBusy(String what, HttpResponse<byte[]> response) {
        assertEquals(503, response.statusCode(), what + ": " + new String(response.body()));
        JsonNode problem = TestHttp.body(response);
        assertEquals("DATABASE_BUSY", problem.path("code").asText(), what + ": " + problem);
        assertTrue(response.headers().firstValue("Retry-After").isPresent(), what + ": no Retry-After");
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    }

    private static void awaitSuccess(TestHttp server, String path) throws InterruptedException {
        for (int i = 0; i < 150; i++) {
            if (server.get(path).statusCode() == 200) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(path + " never answered 200 again after PostgreSQL came back");
    }
}
