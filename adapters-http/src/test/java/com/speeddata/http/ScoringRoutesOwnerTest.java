package com.speeddata.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.speeddata.http.scoring.BatchJobIds;
import com.speeddata.http.scoring.BatchRoutes;
import com.speeddata.http.scoring.EventRoutes;
import com.speeddata.http.scoring.ScoreBatchHandler;
import com.speeddata.jobs.InMemoryJobStore;
import com.speeddata.jobs.Job;
import com.speeddata.jobs.JobEngine;
import com.speeddata.jobs.JobId;
import com.speeddata.jobs.ResultStore;
import com.speeddata.jobs.access.Caller;
import com.speeddata.jobs.access.Tier;
import com.speeddata.scoring.events.InMemoryEventStore;
import com.speeddata.scoring.model.ModelRegistry;
import com.speeddata.scoring.usecase.RescoreEvents;
import com.speeddata.scoring.usecase.ScoreBatch;
import com.speeddata.scoring.usecase.ScoreHeadlines;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scoring routes scope everything to the caller ({@link Callers#owner}): two owners storing the same event id
 * and batch id each see only their own, and a third sees neither, answered exactly as ids nobody has. The owner
 * is set the way the authentication filter sets it; a request without one is tenant {@code local}.
 */
class ScoringRoutesOwnerTest {
    private static final String OWNER_HEADER = "X-Test-Owner";
    private static final String EVENT = "9d3c1a52-7b6e-4f0a-8c21-5e4d3b2a1f09";
    private static final String JOB = "3f2b8c1e-4d5a-4c1b-9a7e-2f1d0c9b8a76";
    /** A tier whose batches cover at most two events (owners named {@code small...}). */
    private static final Tier SMALL_BATCHES = new Tier("small", 10, 50, 100, 10, 50, 8, 1_000, 2, 2);

    @TempDir
    Path dir;

    private final InMemoryJobStore jobs = new InMemoryJobStore();
    private JobEngine engine;
    private RouteServer server;

    @BeforeEach
    void start() {
        Clock clock = Clock.systemUTC();
        ModelRegistry models = ModelRegistry.bundled();
        InMemoryEventStore events = new InMemoryEventStore();
        ResultStore results = new DirectoryResults(dir);
        ScoreHeadlines scorer = new ScoreHeadlines(models, 10);
        ScoreBatch batches = new ScoreBatch(events, clock, 1000);
        engine = TestEngines.engine(jobs, results, List.of(new ScoreBatchHandler(batches, models, results)), clock)
                .start();
        server = RouteServer.start(List.of(
                app -> app.before(ctx -> {
                    String owner = ctx.header(OWNER_HEADER);
                    if (owner != null) {
                        Tier tier = owner.startsWith("small") ? SMALL_BATCHES : Tier.PRO_PLUS;
                        ctx.attribute(Callers.ATTRIBUTE, new Caller(owner, "k" + owner, tier, false));
                    }
                }),
                new EventRoutes(events, clock)::register,
                new BatchRoutes(engine, results, scorer, new RescoreEvents(events, clock, 100), batches, clock)
                        ::register));
    }

    @Test
    void an_event_id_is_per_owner_and_another_owners_event_is_answered_as_one_that_does_not_exist() {
        assertEquals(201, post(null, "/v1/events", event("local's")).statusCode());
        assertEquals(201, post("acme", "/v1/events", event("acme's")).statusCode(), "not 409: the id is acme's too");
        assertProblem(post(null, "/v1/events", event("again")), 409, "EVENT_ID_CONFLICT");

        assertEquals(List.of("local's"), headlines(get(null, "/v1/events")));
        assertEquals(List.of("acme's"), headlines(get("acme", "/v1/events")));
        assertEquals(List.of(), headlines(get("globex", "/v1/events")));

        String rescore = "{\"model_sha\": \"" + modelSha() + "\", \"event_ids\": [\"" + EVENT + "\"]}";
        assertEquals(200, post("acme", "/v1/score/rescore", rescore).statusCode());
        JsonNode acmes = body(get("acme", "/v1/events/" + EVENT + "/scores"));
        assertEquals(1, acmes.get("scores").size());
        assertEquals(
                0,
                body(get(null, "/v1/events/" + EVENT + "/scores")).get("scores").size(),
                "acme's score");
        assertEquals(
                1,
                body(get("acme", "/v1/events"))
                        .get("events")
                        .get(0)
                        .get("scores")
                        .size());
        assertEquals(
                0,
                body(get(null, "/v1/events")).get("events").get(0).get("scores").size());
        assertEquals(List.of("local's"), headlines(get(null, "/v1/events?unscored_by=" + modelSha())));

        // globex has no such event: the same answers as for an id nobody has.
        String nobodys = UUID.randomUUID().toString();
        assertSameNotFound(
                get("globex", "/v1/events/" + EVENT + "/scores"),
                get("globex", "/v1/events/" + nobodys + "/scores"),
                EVENT,
                nobodys,
                "UNKNOWN_EVENT");
        assertSameNotFound(
                post("globex", "/v1/score/rescore", rescore),
                post("globex", "/v1/score/rescore", rescore.replace(EVENT, nobodys)),
                EVENT,
                nobodys,
                "UNKNOWN_EVENT");
        assertEquals(
                0,
                body(post("globex", "/v1/score/rescore", "{\"model_sha\": \"" + modelSha() + "\", \"selection\": {}}"))
                        .get("rescored")
                        .asInt());
        assertProblem(get("globex", "/v1/events/not-a-uuid/scores"), 400, "INVALID_REQUEST");
    }

    @Test
    void a_selection_covering_more_events_than_the_tier_allows_a_batch_is_refused_before_it_queues() {
        String events = "{\"events\": ["
                + String.join(
                        ", ",
                        List.of(
                                "{\"ticker\": \"ACME\", \"headline\": \"Acme one\", \"published_at\": \"2026-01-05T13:00:00Z\"}",
                                "{\"ticker\": \"ACME\", \"headline\": \"Acme two\", \"published_at\": \"2026-01-05T14:00:00Z\"}",
                                "{\"ticker\": \"GLBX\", \"headline\": \"Globex\", \"published_at\": \"2026-01-05T15:00:00Z\"}"))
                + "]}";
        assertEquals(201, post("small", "/v1/events", events).statusCode());
        HttpResponse<String> all = post("small", "/v1/score/batch", "{\"job_id\": \"" + JOB + "\", \"selection\": {}}");
        assertProblem(all, 400, "INVALID_REQUEST");
        assertTrue(all.body().contains("covers 3 events") && all.body().contains("at most 2"), all.body());
        assertEquals(0, jobs.countQueued(), "nothing queued");
        String withinTheTier = "{\"job_id\": \"" + JOB + "\", \"selection\": {\"ticker\": \"ACME\"}}";
        assertEquals(202, post("small", "/v1/score/batch", withinTheTier).statusCode(), "two events: within the tier");
        assertEquals(
                201,
                post(
                                "small",
                                "/v1/events",
                                "{\"events\": [{\"ticker\": \"ACME\", \"headline\": "
                                        + "\"Acme three\", \"published_at\": \"2026-01-05T16:00:00Z\"}]}")
                        .statusCode());
        assertEquals(
                202,
                post("small", "/v1/score/batch", withinTheTier).statusCode(),
                "a retry of the accepted batch gets its job, though the selection now covers three events");
    }

    @Test
    void a_batch_id_is_per_owner_and_another_owners_batch_is_answered_as_one_that_does_not_exist() throws Exception {
        post(null, "/v1/events", event("local's"));
        post("acme", "/v1/events", event("acme's"));
        String byIds = "{\"job_id\": \"" + JOB + "\", \"event_ids\": [\"" + EVENT + "\"]}";
        String bySelection = "{\"job_id\": \"" + JOB + "\", \"selection\": {\"unscored\": true}}";

        HttpResponse<String> locals = post(null, "/v1/score/batch", byIds);
        HttpResponse<String> acmes = post("acme", "/v1/score/batch", bySelection);

        assertEquals(202, locals.statusCode(), locals.body());
        assertEquals(202, acmes.statusCode(), "another owner's job_id is a new job, never 409: " + acmes.body());
        assertEquals(JOB, body(acmes).get("job_id").asText());
        assertEquals("/v1/score/batch/" + JOB, body(acmes).get("poll_url").asText());
        assertEquals(
                "/v1/score/batch/" + JOB, acmes.headers().firstValue("Location").orElseThrow());
        assertProblem(post(null, "/v1/score/batch", bySelection), 409, "JOB_ID_CONFLICT");
        assertTrue(body(post(null, "/v1/score/batch", bySelection))
                .get("detail")
                .asText()
                .contains(JOB));
        assertEquals(202, post("acme", "/v1/score/batch", bySelection).statusCode(), "the same body: the same job");

        // local's batch is stored under the caller's id (reachable as before multi-user mode); acme's is not.
        Optional<Job> local = engine.find(new JobId(UUID.fromString(JOB)));
        assertEquals("local", local.orElseThrow().owner());
        assertEquals(
                "acme",
                engine.find(BatchJobIds.stored("acme", new JobId(UUID.fromString(JOB))))
                        .orElseThrow()
                        .owner());

        for (String owner : new String[] {null, "acme"}) {
            JsonNode status = awaitDone(owner);
            assertEquals("completed", status.get("status").asText(), status.toString());
            assertEquals(JOB, status.get("job_id").asText());
            assertEquals(1, status.get("scored").asInt());
            assertEquals(
                    "/v1/score/batch/" + JOB + "/results",
                    status.get("results_url").asText());
            HttpResponse<String> results = get(owner, "/v1/score/batch/" + JOB + "/results");
            assertEquals(JOB, body(results).get("job_id").asText());
            assertEquals(EVENT, body(results).get("results").get(0).get("id").asText());
            assertTrue(results.headers()
                    .firstValue("Content-Disposition")
                    .orElseThrow()
                    .contains("scores_" + JOB + ".json"));
        }
        assertEquals(
                1,
                body(get("acme", "/v1/events/" + EVENT + "/scores"))
                        .get("scores")
                        .size());
        assertEquals(
                1,
                body(get(null, "/v1/events/" + EVENT + "/scores")).get("scores").size());

        String nobodys = UUID.randomUUID().toString();
        assertSameNotFound(
                get("globex", "/v1/score/batch/" + JOB),
                get("globex", "/v1/score/batch/" + nobodys),
                JOB,
                nobodys,
                "JOB_NOT_FOUND");
        assertSameNotFound(
                get("globex", "/v1/score/batch/" + JOB + "/results"),
                get("globex", "/v1/score/batch/" + nobodys + "/results"),
                JOB,
                nobodys,
                "JOB_NOT_FOUND");
        // acme's stored id, asked for by its stored form, is nobody's batch either.
        String acmesStored =
                BatchJobIds.stored("acme", new JobId(UUID.fromString(JOB))).toString();
        assertProblem(get("acme", "/v1/score/batch/" + acmesStored), 404, "JOB_NOT_FOUND");
        assertProblem(get(null, "/v1/score/batch/" + acmesStored), 404, "JOB_NOT_FOUND");
    }

    private JsonNode awaitDone(String owner) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            JsonNode status = body(get(owner, "/v1/score/batch/" + JOB));
            if (!status.get("finished_at").isNull() || System.nanoTime() > deadline) {
                return status;
            }
            Thread.sleep(20);
        }
    }

    private String modelSha() {
        return ModelRegistry.bundled().defaultModel().sha();
    }

    private static String event(String headline) {
        return "{\"events\": [{\"id\": \"" + EVENT + "\", \"ticker\": \"ACME\", \"headline\": \"" + headline
                + "\", \"published_at\": \"2026-01-05T13:00:00Z\"}]}";
    }

    private static List<String> headlines(HttpResponse<String> response) {
        List<String> headlines = new ArrayList<>();
        body(response)
                .get("events")
                .forEach(e -> headlines.add(e.get("headline").asText()));
        return headlines;
    }

    /** The two answers are equal but for the id each names. */
    private static void assertSameNotFound(
            HttpResponse<String> others, HttpResponse<String> nobodys, String otherId, String nobodysId, String code) {
        assertProblem(others, 404, code);
        assertEquals(nobodys.statusCode(), others.statusCode());
        assertEquals(nobodys.body().replace(nobodysId, "ID"), others.body().replace(otherId, "ID"));
        assertEquals(
                nobodys.headers().firstValue("Content-Type"), others.headers().firstValue("Content-Type"));
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        RouteServer.assertProblem(response, status, code);
    }

    private static JsonNode body(HttpResponse<String> response) {
        return RouteServer.body(response);
    }

    private HttpResponse<String> get(String owner, String path) {
        return server.send(as(owner, server.request(path)).GET());
    }

    private HttpResponse<String> post(String owner, String path, String json) {
        return server.send(RouteServer.json(as(owner, server.request(path)), "POST", json));
    }

    private static HttpRequest.Builder as(String owner, HttpRequest.Builder request) {
        return owner == null ? request : request.header(OWNER_HEADER, owner);
    }
}
