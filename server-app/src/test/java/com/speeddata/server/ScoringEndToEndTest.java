package com.speeddata.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Issue 4 end to end: models, inline scoring, events, batch jobs with caller ids, rescoring; both stores. */
class ScoringEndToEndTest {
    private static final Map<TestDatabase.Kind, TestDatabase> databases = new EnumMap<>(TestDatabase.Kind.class);
    private static final Map<TestDatabase.Kind, RunningServer> servers = new EnumMap<>(TestDatabase.Kind.class);

    @TempDir
    static Path dataDir;

    @BeforeAll
    static void start() {
        for (TestDatabase.Kind kind : TestDatabase.Kind.values()) {
            TestDatabase database = TestDatabase.create(kind);
            databases.put(kind, database);
            servers.put(
                    kind,
                    RunningServer.start(database, dataDir.resolve(kind.name()), Map.of("RESCORE_MAX_EVENTS", "5")));
        }
    }

    @AfterAll
    static void stop() {
        servers.values().forEach(RunningServer::close);
        databases.values().forEach(TestDatabase::close);
    }

    private static void assertProblem(HttpResponse<byte[]> response, int status, String code) {
        assertEquals(status, response.statusCode(), new String(response.body()));
        assertEquals(
                "application/problem+json",
                response.headers().firstValue("Content-Type").orElse(""));
        assertEquals(code, RunningServer.body(response).get("code").asText());
    }

    /** The bundled default model (contract: a finance model). */
    private static final String DEFAULT_MODEL = "finance-wire";

    private static String sha(RunningServer server, String name) {
        for (JsonNode model : RunningServer.body(server.get("/v1/models"))) {
            if (model.get("name").asText().equals(name)) {
                return model.get("model_sha").asText();
            }
        }
        throw new AssertionError("no model " + name);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void at_least_two_models_ship_and_finance_wire_is_the_default(TestDatabase.Kind kind) {
        JsonNode models = RunningServer.body(servers.get(kind).get("/v1/models"));
        assertTrue(models.size() >= 2, models.toString());
        int defaults = 0;
        for (JsonNode model : models) {
            assertTrue(model.get("model_sha").asText().matches("[0-9a-f]{64}"), model.toString());
            if (model.get("default").asBoolean()) {
                defaults++;
                assertEquals(DEFAULT_MODEL, model.get("name").asText());
            }
        }
        assertEquals(1, defaults);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void headlines_are_scored_inline_in_request_order(TestDatabase.Kind kind) {
        RunningServer server = servers.get(kind);
        JsonNode scored = RunningServer.body(server.json(
                "POST",
                "/v1/score",
                "{\"headlines\": ["
                        + "\"Acme quarterly profit rose 20%, beating estimates\", "
                        + "{\"id\": \"h2\", \"text\": \"Acme to cut 2,000 jobs after guidance cut\", \"ticker\": \"ACME\"}, "
                        + "\"Acme schedules third-quarter earnings call\"]}"));
        assertEquals(sha(server, DEFAULT_MODEL), scored.get("model_sha").asText());
        JsonNode results = scored.get("results");
        assertEquals("0", results.get(0).get("id").asText());
        assertEquals("positive", results.get(0).get("label").asText());
        assertEquals("h2", results.get(1).get("id").asText());
        assertEquals("negative", results.get(1).get("label").asText());
        assertEquals("neutral", results.get(2).get("label").asText());
        for (JsonNode result : results) {
            double score = result.get("score").asDouble();
            assertTrue(score >= -1 && score <= 1);
        }
        String baseline = sha(server, "vader-baseline");
        assertEquals(
                baseline,
                RunningServer.body(server.json(
                                "POST",
                                "/v1/score",
                                "{\"headlines\": [\"good news\"], \"model_sha\": \"" + baseline + "\"}"))
                        .get("model_sha")
                        .asText());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void bad_scoring_requests_get_problem_details(TestDatabase.Kind kind) {
        RunningServer server = servers.get(kind);
        StringBuilder eleven = new StringBuilder("{\"headlines\": [");
        for (int i = 0; i < 11; i++) {
            eleven.append(i == 0 ? "" : ", ").append("\"headline ").append(i).append('"');
        }
        HttpResponse<byte[]> tooMany =
                server.json("POST", "/v1/score", eleven.append("]}").toString());
        assertProblem(tooMany, 413, "TOO_MANY_ITEMS");
        assertEquals(
                "/v1/score/batch",
                RunningServer.body(tooMany).get("suggestion").get("endpoint").asText());
        assertProblem(
                server.json(
                        "POST", "/v1/score", "{\"headlines\": [\"x\"], \"model_sha\": \"" + "ab".repeat(32) + "\"}"),
                404,
                "UNKNOWN_MODEL");
        HttpResponse<byte[]> empty = server.json("POST", "/v1/score", "{\"headlines\": [\"ok\", \"  \"]}");
        assertProblem(empty, 400, "INVALID_REQUEST");
        assertEquals(
                "/headlines/1",
                RunningServer.body(empty).get("errors").get(0).get("pointer").asText());
        assertProblem(
                server.json("POST", "/v1/score", "{\"headlines\": [\"" + "a".repeat(100_000) + "\"]}"),
                400,
                "INVALID_REQUEST");
        assertProblem(server.json("POST", "/v1/score", "{\"headlines\": [42]}"), 400, "INVALID_REQUEST");
        assertProblem(server.json("POST", "/v1/score", "{\"headlines\": []}"), 400, "INVALID_REQUEST");
        assertProblem(server.json("POST", "/v1/score", "{\"headlines\": "), 400, "MALFORMED_BODY");
        assertProblem(server.json("POST", "/v1/score", "{\"texts\": [\"x\"]}"), 400, "INVALID_REQUEST");
        assertProblem(
                server.json(
                        "POST",
                        "/v1/events",
                        "{\"events\": [{\"ticker\": \"ACME\", \"headline\": "
                                + "\"nul\\u0000inside\", \"published_at\": \"2026-01-05T13:00:00Z\"}]}"),
                400,
                "INVALID_REQUEST");
        assertProblem(
                server.json(
                        "POST",
                        "/v1/events",
                        "{\"events\": [{\"ticker\": \"no spaces\", \"headline\": "
                                + "\"x\", \"published_at\": \"yesterday\"}]}"),
                400,
                "INVALID_REQUEST");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void stored_events_are_batch_scored_once_per_job_id_and_rescored_without_losing_history(TestDatabase.Kind kind)
            throws Exception {
        RunningServer server = servers.get(kind);
        String ticker = "T" + UUID.randomUUID().toString().substring(0, 6).toUpperCase(java.util.Locale.ROOT);
        String chosenId = UUID.randomUUID().toString();
        HttpResponse<byte[]> created = server.json(
                "POST",
                "/v1/events",
                "{\"events\": ["
                        + "{\"id\": \"" + chosenId + "\", \"ticker\": \"" + ticker + "\", \"headline\": \"" + ticker
                        + " beats estimates and raises guidance\", \"published_at\": \"2026-01-05T13:00:00Z\"}, "
                        + "{\"ticker\": \"" + ticker + "\", \"headline\": \"" + ticker + " faces fraud lawsuit\", "
                        + "\"published_at\": \"2026-01-05T14:00:00Z\"}, "
                        + "{\"ticker\": \"" + ticker + "\", \"headline\": \"" + ticker + " to present at conference\", "
                        + "\"published_at\": \"2026-01-05T15:00:00+01:00\"}]}");
        assertEquals(201, created.statusCode(), new String(created.body()));
        assertEquals(
                chosenId,
                RunningServer.body(created).get("events").get(0).get("id").asText());
        assertProblem(
                server.json(
                        "POST",
                        "/v1/events",
                        "{\"events\": [{\"ticker\": \"" + ticker + "\", "
                                + "\"headline\": \"another\", \"published_at\": \"2026-01-06T00:00:00Z\"}, {\"id\": \""
                                + chosenId
                                + "\", \"ticker\": \"" + ticker
                                + "\", \"headline\": \"dup\", \"published_at\": \"2026-01-06T00:00:00Z\"}]}"),
                409,
                "EVENT_ID_CONFLICT");
        assertEquals(
                3,
                RunningServer.body(server.get("/v1/events?ticker=" + ticker))
                        .get("events")
                        .size(),
                "the rejected request stored nothing");

        String finance = sha(server, DEFAULT_MODEL); // batches without a model score with the default
        String batchBody = "{\"job_id\": \"%s\", \"selection\": {\"unscored\": true, \"ticker\": \"" + ticker + "\"}}";
        String jobId = UUID.randomUUID().toString();
        HttpResponse<byte[]> accepted = server.json("POST", "/v1/score/batch", String.format(batchBody, jobId));
        assertEquals(202, accepted.statusCode(), new String(accepted.body()));
        assertEquals(jobId, RunningServer.body(accepted).get("job_id").asText());
        HttpResponse<byte[]> again = server.json("POST", "/v1/score/batch", String.format(batchBody, jobId));
        assertEquals(202, again.statusCode());
        assertEquals(jobId, RunningServer.body(again).get("job_id").asText());
        assertProblem(
                server.json(
                        "POST",
                        "/v1/score/batch",
                        "{\"job_id\": \"" + jobId + "\", \"selection\": " + "{\"unscored\": false}}"),
                409,
                "JOB_ID_CONFLICT");
        assertProblem(
                server.json("POST", "/v1/score/batch", String.format(batchBody, "batch-1")), 400, "INVALID_REQUEST");

        JsonNode done = awaitBatch(server, jobId);
        assertEquals(finance, done.get("model_sha").asText());
        assertEquals(3, done.get("total").asInt());
        assertEquals(3, done.get("scored").asInt());
        assertEquals(0, done.get("failed").asInt());
        assertEquals(
                0,
                RunningServer.body(server.get("/v1/events?ticker=" + ticker + "&unscored_by=" + finance))
                        .get("events")
                        .size());
        JsonNode results = RunningServer.body(server.get("/v1/score/batch/" + jobId + "/results"));
        assertEquals(3, results.get("results").size());

        String baseline = sha(server, "vader-baseline");
        JsonNode rescored = RunningServer.body(server.json(
                "POST",
                "/v1/score/rescore",
                "{\"model_sha\": \"" + baseline + "\", \"selection\": {\"ticker\": \"" + ticker + "\"}}"));
        assertEquals(3, rescored.get("rescored").asInt());
        for (JsonNode result : rescored.get("results")) {
            assertEquals(finance, result.get("previous").get("model_sha").asText(), result.toString());
        }
        JsonNode back = RunningServer.body(server.json(
                "POST",
                "/v1/score/rescore",
                "{\"model_sha\": \"" + finance + "\", \"event_ids\": [\"" + chosenId + "\"]}"));
        assertEquals(
                baseline,
                back.get("results").get(0).get("previous").get("model_sha").asText(),
                "the baseline's score was added beside the finance score, not over it");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void a_model_upgrade_by_name_reports_the_labels_it_moved_and_events_keep_every_models_score(
            TestDatabase.Kind kind) {
        RunningServer server = servers.get(kind);
        String ticker = "U" + UUID.randomUUID().toString().substring(0, 6).toUpperCase(java.util.Locale.ROOT);
        StringBuilder events = new StringBuilder("{\"events\": [");
        String[] headlines = {
            "Acme profit fell to 1.6 mn from 7.5 mn",
            "Stark loss narrowed as costs fell",
            "SEC closes probe without enforcement action"
        };
        for (int i = 0; i < headlines.length; i++) {
            events.append(i == 0 ? "" : ", ")
                    .append("{\"ticker\": \"")
                    .append(ticker)
                    .append("\", \"headline\": \"")
                    .append(headlines[i])
                    .append("\", \"published_at\": \"2026-01-05T1")
                    .append(i)
                    .append(":00:00Z\"}");
        }
        assertEquals(
                201,
                server.json("POST", "/v1/events", events.append("]}").toString())
                        .statusCode());
        String selection = "\"selection\": {\"ticker\": \"" + ticker + "\"}}";
        JsonNode first = RunningServer.body(
                server.json("POST", "/v1/score/rescore", "{\"model\": \"vader-baseline\", " + selection));
        assertEquals(sha(server, "vader-baseline"), first.get("model_sha").asText());
        assertEquals(0, first.get("changed").size(), "no previous scores: nothing moved");

        JsonNode upgrade = RunningServer.body(
                server.json("POST", "/v1/score/rescore", "{\"model\": \"" + DEFAULT_MODEL + "\", " + selection));

        Map<String, Integer> moved = new java.util.TreeMap<>();
        for (JsonNode result : upgrade.get("results")) {
            String from = result.get("previous").get("label").asText();
            if (!from.equals(result.get("label").asText())) {
                moved.merge(from + "->" + result.get("label").asText(), 1, Integer::sum);
            }
        }
        assertFalse(moved.isEmpty(), upgrade.toString());
        Map<String, Integer> changed = new java.util.TreeMap<>();
        upgrade.get("changed")
                .properties()
                .forEach(e -> changed.put(e.getKey(), e.getValue().asInt()));
        assertEquals(moved, changed);

        JsonNode listed =
                RunningServer.body(server.get("/v1/events?ticker=" + ticker)).get("events");
        assertEquals(3, listed.size());
        for (JsonNode event : listed) {
            Set<String> models = new HashSet<>();
            event.get("scores")
                    .forEach(score -> models.add(score.get("model_sha").asText()));
            assertEquals(Set.of(sha(server, DEFAULT_MODEL), sha(server, "vader-baseline")), models, event.toString());
            JsonNode history = RunningServer.body(
                    server.get("/v1/events/" + event.get("id").asText() + "/scores"));
            assertEquals(event.get("scores"), history.get("scores"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void explanations_are_the_weights_that_make_each_score(TestDatabase.Kind kind) {
        RunningServer server = servers.get(kind);
        String body = "{\"model\": \"finance\", \"headlines\": [\"Acme profit fell to 1.6 mn from 7.5 mn!!\", "
                + "\"Acme is NOT a good buy, but costs fell\", \"Acme schedules a call\"]";
        JsonNode plain = RunningServer.body(server.json("POST", "/v1/score", body + "}"));
        JsonNode explained = RunningServer.body(server.json("POST", "/v1/score", body + ", \"explain\": true}"));
        for (int i = 0; i < 3; i++) {
            JsonNode result = explained.get("results").get(i);
            assertFalse(plain.get("results").get(i).has("explain"));
            assertEquals(plain.get("results").get(i).get("score"), result.get("score"));
            double sum = 0;
            for (JsonNode contribution : result.get("explain")) {
                sum += contribution.get("weight").asDouble();
            }
            assertEquals(
                    result.get("score").asDouble(),
                    sum == 0 ? 0 : sum / Math.sqrt(sum * sum + 15),
                    1e-9,
                    result.toString());
        }
        assertEquals(0, explained.get("results").get(2).get("explain").size(), "nothing moved a neutral call");
        assertProblem(server.json("POST", "/v1/score", body + ", \"explain\": \"yes\"}"), 400, "INVALID_REQUEST");
        assertProblem(server.json("POST", "/v1/score", body.replace("finance", "nope") + "}"), 404, "UNKNOWN_MODEL");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void a_batch_of_inline_headlines_keeps_their_ids_and_order(TestDatabase.Kind kind) throws Exception {
        RunningServer server = servers.get(kind);
        String jobId = UUID.randomUUID().toString();
        StringBuilder body = new StringBuilder("{\"job_id\": \"" + jobId + "\", \"headlines\": [");
        for (int i = 0; i < 2500; i++) {
            body.append(i == 0 ? "" : ", ")
                    .append("{\"id\": \"n")
                    .append(i)
                    .append("\", \"text\": \"")
                    .append(i % 2 == 0 ? "Profit rose" : "Shares plunged after downgrade")
                    .append("\"}");
        }
        assertEquals(
                202,
                server.json("POST", "/v1/score/batch", body.append("]}").toString())
                        .statusCode());
        JsonNode done = awaitBatch(server, jobId);
        assertEquals(2500, done.get("scored").asInt());
        JsonNode results = RunningServer.body(server.get("/v1/score/batch/" + jobId + "/results"))
                .get("results");
        assertEquals(2500, results.size());
        Set<String> labels = new HashSet<>();
        for (int i = 0; i < results.size(); i++) {
            assertEquals("n" + i, results.get(i).get("id").asText());
            labels.add(results.get(i).get("label").asText());
        }
        assertEquals(Set.of("positive", "negative"), labels);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void rescoring_is_capped_and_unknown_events_are_named(TestDatabase.Kind kind) {
        RunningServer server = servers.get(kind);
        String finance = sha(server, "finance");
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            ids.append(i == 0 ? "" : ", ").append('"').append(UUID.randomUUID()).append('"');
        }
        HttpResponse<byte[]> tooMany = server.json(
                "POST", "/v1/score/rescore", "{\"model_sha\": \"" + finance + "\", \"event_ids\": [" + ids + "]}");
        assertProblem(tooMany, 413, "TOO_MANY_ITEMS");
        String missing = UUID.randomUUID().toString();
        HttpResponse<byte[]> unknown = server.json(
                "POST",
                "/v1/score/rescore",
                "{\"model_sha\": \"" + finance + "\", \"event_ids\": [\"" + missing + "\"]}");
        assertProblem(unknown, 404, "UNKNOWN_EVENT");
        assertTrue(RunningServer.body(unknown).get("detail").asText().contains(missing));
        assertProblem(
                server.json("POST", "/v1/score/rescore", "{\"event_ids\": [\"" + missing + "\"]}"),
                400,
                "INVALID_REQUEST");
        assertProblem(server.get("/v1/score/batch/" + UUID.randomUUID()), 404, "JOB_NOT_FOUND");
        assertProblem(server.get("/v1/events?limit=0"), 400, "INVALID_REQUEST");
        assertProblem(server.get("/v1/events?colour=red"), 400, "INVALID_REQUEST");
        assertProblem(server.get("/v1/events?cursor=not-ours"), 400, "INVALID_REQUEST");
    }

    private static JsonNode awaitBatch(RunningServer server, String jobId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonNode status = null;
        while (System.nanoTime() < deadline) {
            status = RunningServer.body(server.get("/v1/score/batch/" + jobId));
            if (status.get("status").asText().equals("completed")) {
                return status;
            }
            assertFalse(status.get("status").asText().equals("failed"), status.toString());
            Thread.sleep(50);
        }
        throw new AssertionError("batch never completed: " + status);
    }
}
