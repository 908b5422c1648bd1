package com.speeddata.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hostile input through every route of the route table, on both stores: no answer is a 5xx, and every error answer is
 * problem+json with a stable code that names no class, library option or stack frame. The CI slice sends
 * {@value #DEFAULT_REQUESTS} requests per store; {@code -Dfuzz.requests=200000} runs the long version and
 * {@code -Dfuzz.seed=} replays one run.
 */
class FuzzEndToEndTest {
    static final int DEFAULT_REQUESTS = 2500;
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", DEFAULT_REQUESTS);
    private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    private static final List<String> LEAKS = List.of(
            "com.fasterxml",
            "java.",
            "Exception",
            "jackson",
            "Source: ",
            "org.eclipse",
            "io.javalin",
            "SQL",
            "at [",
            "JsonReadFeature",
            "DeserializationFeature");

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void no_hostile_request_gets_a_5xx_or_an_error_that_is_not_problem_json(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.create(kind);
                RunningServer server =
                        RunningServer.start(database, dataDir, Map.of("JOB_QUEUE_CAPACITY", "1000000"))) {
            NaughtyRequests requests = new NaughtyRequests(SEED, validParams(server), templates(server));
            List<String> routes = server.application().routes().stream()
                    .filter(r -> !r.startsWith("WS "))
                    .toList();
            Map<Integer, Integer> statuses = new TreeMap<>();
            List<String> failures = new ArrayList<>();
            long started = System.nanoTime();
            for (int i = 0; i < REQUESTS; i++) {
                NaughtyRequests.Request request = requests.next(routes.get(i % routes.size()));
                String failure = check(request, send(server.application().port(), request), statuses);
                if (failure != null) {
                    failures.add(failure + "\n    request: " + request.describe());
                }
            }
            long fiveHundreds = statuses.entrySet().stream()
                    .filter(e -> e.getKey() >= 500)
                    .mapToLong(Map.Entry::getValue)
                    .sum();
            System.out.printf(
                    "fuzz %s: seed %d, %d requests over %d routes (corpus %d strings) in %d ms; statuses %s; "
                            + "5xx %d; failures %d%n",
                    database,
                    SEED,
                    REQUESTS,
                    routes.size(),
                    requests.corpusSize(),
                    (System.nanoTime() - started) / 1_000_000,
                    statuses,
                    fiveHundreds,
                    failures.size());
            failures.stream().limit(40).forEach(f -> System.out.println("  " + f));
            assertTrue(
                    failures.isEmpty(),
                    failures.size() + " bad answers (seed " + SEED + "), first: "
                            + String.join("\n", failures.subList(0, Math.min(10, failures.size()))));
        }
    }

    /** Null when the answer keeps the contract, else what is wrong with it. */
    private static String check(
            NaughtyRequests.Request request, RawHttp.Answer answer, Map<Integer, Integer> statuses) {
        statuses.merge(answer.status(), 1, Integer::sum);
        if (answer.status() >= 500) {
            return answer.status() + " " + shorten(answer.body());
        }
        if (answer.status() < 400) {
            return null;
        }
        if (!"application/problem+json".equals(answer.header("Content-Type"))) {
            return answer.status() + " not problem+json: " + answer.header("Content-Type") + " "
                    + shorten(answer.body());
        }
        if (request.method().equals("HEAD")) {
            return null; // no body to read
        }
        try {
            JsonNode problem = TestHttp.JSON.readTree(answer.body());
            if (!problem.path("code").asText().matches("[A-Z][A-Z0-9_]+")) {
                return answer.status() + " without a code: " + shorten(answer.body());
            }
            String detail = problem.path("detail").asText();
            for (String leak : LEAKS) {
                if (detail.contains(leak)) {
                    return answer.status() + " detail leaks '" + leak + "': " + shorten(detail);
                }
            }
            return null;
        } catch (IOException e) {
            return answer.status() + " body is not JSON: " + shorten(answer.body());
        }
    }

    private static RawHttp.Answer send(int port, NaughtyRequests.Request request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(request.bytes());
            return RawHttp.parse(RawHttp.readAnswer(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException("no answer to " + request.describe(), e);
        }
    }

    private static String shorten(String text) {
        return text.length() > 240 ? text.substring(0, 240) + "..." : text;
    }

    /** A value that exists for each path parameter, so that half the requests reach past the lookup. */
    private static Map<String, String> validParams(RunningServer server) {
        assertEquals(
                201,
                server.json("PUT", "/api/v1/channels/c/signals/s", "{\"unit\": \"V\", \"sample_rate_hz\": 10}")
                        .statusCode());
        server.json(
                "POST",
                "/api/v1/channels/c/signals/s/samples",
                "{\"start\": \"2025-01-01T00:00:00Z\", \"values\": [1, 2, 3, 4]}");
        String job = TestHttp.body(
                        server.json(
                                "POST",
                                "/api/v1/pivot/export",
                                "{\"time_range\": {\"start\": "
                                        + "\"2025-01-01T00:00:00Z\", \"duration\": \"PT1S\"}, \"channels\": [\"c\"], \"execution\": \"async\"}"))
                .path("job_id")
                .asText();
        String event = TestHttp.body(server.json(
                        "POST",
                        "/v1/events",
                        "{\"events\": [{\"ticker\": \"ACME\", "
                                + "\"headline\": \"Acme beats\", \"published_at\": \"2026-01-05T13:00:00Z\"}]}"))
                .toString()
                .replaceAll("(?s).*?\"(?:id|ids)\"\\s*:\\s*\\[?\\s*\"?([^\",\\]}]+).*", "$1");
        return Map.of("channel", "c", "signal", "s", "job_id", job, "event_id", event);
    }

    private static Map<String, String> templates(RunningServer server) {
        String range = "\"time_range\": {\"start\": \"2025-01-01T00:00:00Z\", \"duration\": \"PT1S\"}";
        String sha = TestHttp.body(server.get("/v1/models"))
                .path(0)
                .path("model_sha")
                .asText();
        return Map.of(
                "PUT /api/v1/channels/{channel}/signals/{signal}",
                "{\"unit\": \"V\", \"sample_rate_hz\": 10.0, \"description\": \"d\"}",
                "POST /api/v1/channels/{channel}/signals/{signal}/samples",
                "{\"start\": \"2025-01-01T00:00:00Z\", \"values\": [1.0, null, 2.0], "
                        + "\"timestamps\": [\"2025-01-01T00:00:00Z\", 1735689600000000000]}",
                "POST /api/v1/pivot/export",
                "{" + range + ", \"channels\": [\"c\"], \"signals\": {\"c\": [\"s\"]}, "
                        + "\"execution\": \"sync\", \"format\": \"csv\", \"interval\": \"PT0.1S\", \"fill\": \"linear\", "
                        + "\"aggregate\": \"mean\", \"layout\": \"aligned\", \"max_gap\": \"PT1S\", \"quality\": true}",
                "POST /api/v1/pivot/estimate",
                "{" + range + ", \"channels\": [\"c\"], \"timezone\": \"UTC\"}",
                "POST /v1/score",
                "{\"headlines\": [\"Acme profit rose\", {\"id\": \"a\", \"text\": \"t\", \"ticker\": "
                        + "\"ACME\"}], \"model\": \"finance\", \"explain\": true}",
                "POST /v1/events",
                "{\"events\": [{\"id\": \"e1\", \"ticker\": \"ACME\", \"headline\": \"x\", "
                        + "\"published_at\": \"2026-01-05T13:00:00Z\"}]}",
                "POST /v1/score/batch",
                "{\"job_id\": \"3f2b8c1e-4d5a-4c1b-9a7e-2f1d0c9b8a76\", \"model_sha\": \"" + sha
                        + "\", \"model\": \"finance\", \"headlines\": [\"a\"], "
                        + "\"selection\": {\"unscored\": true, \"ticker\": \"ACME\"}}",
                "POST /v1/score/rescore",
                "{\"model_sha\": \"" + sha + "\", \"model\": \"finance\", "
                        + "\"event_ids\": [\"e1\"], "
                        + "\"selection\": {\"ticker\": \"ACME\"}}",
                "POST /api/v1/stream-tickets",
                "{\"job_id\": \"x\"}");
    }
}
