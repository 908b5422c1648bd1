package com.speeddata.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.speeddata.http.access.CallLimits;
import com.speeddata.http.access.TenantRateLimit;
import com.speeddata.http.scoring.BatchRoutes;
import com.speeddata.http.scoring.EventRoutes;
import com.speeddata.http.scoring.ScoreBatchHandler;
import com.speeddata.http.scoring.ScoreRoutes;
import com.speeddata.jobs.InMemoryJobStore;
import com.speeddata.jobs.JobEngine;
import com.speeddata.jobs.access.InMemoryRateLimits;
import com.speeddata.scoring.LabelChanges;
import com.speeddata.scoring.events.InMemoryEventStore;
import com.speeddata.scoring.model.Model;
import com.speeddata.scoring.model.ModelRegistry;
import com.speeddata.scoring.rules.Contribution;
import com.speeddata.scoring.rules.Explanation;
import com.speeddata.scoring.usecase.RescoreEvents;
import com.speeddata.scoring.usecase.ScoreBatch;
import com.speeddata.scoring.usecase.ScoreHeadlines;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /v1/score} with a model by name and explanations, and {@code rescore}'s {@code changed}. */
class ScoreRoutesTest {
    private static final List<String> HEADLINES = List.of(
            "Acme quarterly profit rose 20%, beating estimates",
            "Globex shares plunge after regulator opens fraud probe",
            "Stark Industries loss narrowed as costs fell",
            "Umbrella Corp schedules third-quarter earnings call",
            "Hooli is NOT a good buy!!",
            "Initech wins contract",
            "Acme declined to comment",
            "Soylent misses revenue forecast, withdraws outlook");

    @TempDir
    Path dir;

    private final ModelRegistry models = ModelRegistry.bundled();
    private final Model finance = models.findByName("finance").orElseThrow();
    private final Model baseline = models.findByName("vader-baseline").orElseThrow();
    private JobEngine engine;
    private RouteServer server;

    @BeforeEach
    void start() {
        Clock clock = Clock.systemUTC();
        InMemoryEventStore events = new InMemoryEventStore();
        DirectoryResults results = new DirectoryResults(dir);
        ScoreHeadlines scorer = new ScoreHeadlines(models, 10);
        ScoreBatch batches = new ScoreBatch(events, clock, 1000);
        engine = TestEngines.engine(
                        new InMemoryJobStore(),
                        results,
                        List.of(new ScoreBatchHandler(batches, models, results)),
                        clock)
                .start();
        CallLimits limits = new CallLimits(new TenantRateLimit(new InMemoryRateLimits(), clock), null);
        server = RouteServer.start(List.of(
                new ScoreRoutes(scorer, models, limits)::register,
                new EventRoutes(events, clock)::register,
                new BatchRoutes(engine, results, scorer, new RescoreEvents(events, clock, 100), batches, clock)
                        ::register));
    }

    @AfterEach
    void stop() {
        server.close();
        engine.close();
    }

    @Test
    void a_model_named_by_name_scores_as_the_model_of_its_sha() {
        JsonNode byName = body(post("/v1/score", score("\"model\": \"vader-baseline\"")));
        JsonNode bySha = body(post("/v1/score", score("\"model_sha\": \"" + baseline.sha() + "\"")));
        JsonNode both = body(
                post("/v1/score", score("\"model_sha\": \"" + baseline.sha() + "\", \"model\": \"vader-baseline\"")));
        assertEquals(baseline.sha(), byName.get("model_sha").asText());
        assertEquals(bySha, byName);
        assertEquals(bySha, both);
        assertEquals(
                models.defaultModel().sha(),
                body(post("/v1/score", score(""))).get("model_sha").asText(),
                "the default");
    }

    @Test
    void the_opt_in_learned_model_is_named_by_name_and_explains_its_learned_items() {
        Model learned = models.findByName("finance-news-learned").orElseThrow();
        JsonNode byName = body(post("/v1/score", score("\"model\": \"finance-news-learned\", \"explain\": true")));
        assertEquals(learned.sha(), byName.get("model_sha").asText());
        assertNotEquals(
                models.findByName("finance-news").orElseThrow().sha(), learned.sha(), "finance-news stays rules only");
        assertTrue(byName.get("results").toString().contains("\"rule\":\"learned\""), byName.toString());
    }

    @Test
    void an_unknown_name_is_404_and_a_name_and_sha_of_two_models_is_400_naming_both() {
        HttpResponse<String> unknown = post("/v1/score", score("\"model\": \"no-such-model\""));
        assertProblem(unknown, 404, "UNKNOWN_MODEL");
        assertTrue(body(unknown).get("detail").asText().contains("no-such-model"));
        HttpResponse<String> conflict =
                post("/v1/score", score("\"model_sha\": \"" + baseline.sha() + "\", \"model\": \"finance\""));
        assertProblem(conflict, 400, "INVALID_REQUEST");
        assertEquals(
                "/model", body(conflict).get("errors").get(0).get("pointer").asText());
        assertTrue(body(conflict).get("detail").asText().contains(finance.sha()), conflict.body());
        assertProblem(post("/v1/score", score("\"model\": 7")), 400, "INVALID_REQUEST");
    }

    @Test
    void explain_true_adds_each_results_contributions_and_leaves_the_rest_as_without_it() {
        JsonNode plain = body(post("/v1/score", score("")));
        JsonNode explained = body(post("/v1/score", score("\"explain\": true")));
        assertEquals(plain, body(post("/v1/score", score("\"explain\": false"))));
        for (int i = 0; i < HEADLINES.size(); i++) {
            JsonNode result = explained.get("results").get(i);
            assertFalse(plain.get("results").get(i).has("explain"));
            assertEquals(plain.get("results").get(i), withoutExplain(result));
            Explanation expected = models.defaultModel().explain(HEADLINES.get(i));
            List<Map<String, Object>> wanted = new ArrayList<>();
            for (Contribution contribution : expected.contributions()) {
                Map<String, Object> view = new LinkedHashMap<>();
                view.put("text", contribution.text());
                view.put("rule", contribution.rule());
                view.put("weight", contribution.weight());
                wanted.add(view);
            }
            assertEquals(Json.MAPPER.valueToTree(wanted), result.get("explain"), HEADLINES.get(i));
        }
        assertTrue(
                explained.get("results").get(2).get("explain").toString().contains("direction_metric"),
                explained.toString());
    }

    @Test
    void explain_of_another_type_is_a_400_problem_never_a_500() {
        for (String bad : List.of("\"yes\"", "1", "[]", "{}", "\"true\"")) {
            HttpResponse<String> response = post("/v1/score", score("\"explain\": " + bad));
            assertProblem(response, 400, "INVALID_REQUEST");
            assertEquals(
                    "/explain",
                    body(response).get("errors").get(0).get("pointer").asText(),
                    bad);
            assertEquals(
                    "application/problem+json",
                    response.headers().firstValue("Content-Type").orElseThrow().split(";")[0]);
        }
    }

    @Test
    void rescore_by_name_answers_the_labels_it_moved_from_the_previous_model() {
        StringBuilder events = new StringBuilder("{\"events\": [");
        for (int i = 0; i < HEADLINES.size(); i++) {
            String headline =
                    Json.MAPPER.<JsonNode>valueToTree(HEADLINES.get(i)).toString();
            events.append(i == 0 ? "" : ", ")
                    .append("{\"ticker\": \"ACME\", \"headline\": ")
                    .append(headline)
                    .append(", \"published_at\": \"2026-01-05T1")
                    .append(i)
                    .append(":00:00Z\"}");
        }
        assertEquals(201, post("/v1/events", events + "]}").statusCode());
        JsonNode first = body(post("/v1/score/rescore", "{\"model\": \"vader-baseline\", \"selection\": {}}"));
        assertEquals(baseline.sha(), first.get("model_sha").asText());
        assertEquals(Json.MAPPER.createObjectNode(), first.get("changed"), "nothing scored before: nothing moved");

        JsonNode second = body(post("/v1/score/rescore", "{\"model\": \"finance\", \"selection\": {}}"));

        LabelChanges expected = new LabelChanges();
        HEADLINES.forEach(text ->
                expected.add(baseline.score(text).label(), finance.score(text).label()));
        assertTrue(expected.total() > 0, "the models disagree on some headline: " + second);
        assertEquals(Json.MAPPER.valueToTree(expected.byName()), second.get("changed"));
        assertProblem(post("/v1/score/rescore", "{\"selection\": {}}"), 400, "INVALID_REQUEST");
        assertProblem(post("/v1/score/rescore", "{\"model\": \"nope\", \"selection\": {}}"), 404, "UNKNOWN_MODEL");
    }

    @Test
    void a_batch_takes_its_model_by_name() {
        HttpResponse<String> accepted = post(
                "/v1/score/batch",
                "{\"job_id\": "
                        + "\"3f2b8c1e-4d5a-4c1b-9a7e-2f1d0c9b8a76\", \"model\": \"vader-baseline\", \"headlines\": [\"A\"]}");
        assertEquals(202, accepted.statusCode(), accepted.body());
        JsonNode status = body(get("/v1/score/batch/3f2b8c1e-4d5a-4c1b-9a7e-2f1d0c9b8a76"));
        assertEquals(baseline.sha(), status.get("model_sha").asText());
        assertProblem(
                post(
                        "/v1/score/batch",
                        "{\"job_id\": \"4f2b8c1e-4d5a-4c1b-9a7e-2f1d0c9b8a76\", "
                                + "\"model\": \"nope\", \"headlines\": [\"Acme\"]}"),
                404,
                "UNKNOWN_MODEL");
    }

    private static JsonNode withoutExplain(JsonNode result) {
        var copy = result.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove("explain");
        return copy;
    }

    private static String score(String more) {
        String headlines = Json.MAPPER.<JsonNode>valueToTree(HEADLINES).toString();
        return "{\"headlines\": " + headlines + (more.isEmpty() ? "" : ", " + more) + "}";
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        RouteServer.assertProblem(response, status, code);
    }

    private static JsonNode body(HttpResponse<String> response) {
        return RouteServer.body(response);
    }

    private HttpResponse<String> get(String path) {
        return server.get(path);
    }

    private HttpResponse<String> post(String path, String json) {
        return server.post(path, json);
    }
}
