package com.speeddata.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Multi-user mode end to end on both stores: keys made by the {@code keys} command, 401/403 exactly as the contract
 * says, hostile keys, admin keys, stream tickets, data of single-user mode kept for tenant {@code local}, and a walk
 * over every route of the route table that proves one tenant cannot see or touch another's things.
 */
class MultiUserEndToEndTest {
    private static final String T0 = "2025-01-23T14:00:00Z";
    private static final Map<TestDatabase.Kind, Deployment> deployments = new EnumMap<>(TestDatabase.Kind.class);

    @TempDir
    static Path dataDir;

    /** One multi-user server and the keys made for it. */
    private record Deployment(
            TestDatabase database,
            Path dir,
            RunningServer server,
            Map<String, String> keys,
            Map<String, String> things) {
        TestHttp as(String who) {
            return server.withKey(keys.get(who));
        }
    }

    @BeforeAll
    static void start() throws Exception {
        for (TestDatabase.Kind kind : TestDatabase.Kind.values()) {
            TestDatabase database = TestDatabase.create(kind);
            Path dir = dataDir.resolve(kind.name());
            try (RunningServer single = RunningServer.start(database, dir, Map.of())) {
                single.json("PUT", "/api/v1/channels/legacy/signals/v", "{\"unit\": \"V\", \"sample_rate_hz\": 10}");
                assertEquals(
                        200,
                        single.json(
                                        "POST",
                                        "/api/v1/channels/legacy/signals/v/samples",
                                        "{\"start\": \"" + T0 + "\", \"values\": [1, 2, 3]}")
                                .statusCode());
            }
            Map<String, String> keys = new HashMap<>();
            keys.put("acme", createKey(database, dir, "--tenant", "acme", "--tier", "pro_plus"));
            keys.put("acme2", createKey(database, dir, "--tenant", "acme", "--tier", "pro_plus", "--name", "second"));
            keys.put("beta", createKey(database, dir, "--tenant", "beta", "--tier", "pro"));
            keys.put("admin", createKey(database, dir, "--tenant", "ops", "--tier", "pro", "--admin"));
            keys.put("local", createKey(database, dir, "--tenant", "local", "--tier", "pro"));
            keys.put("expired", createKey(database, dir, "--tenant", "acme", "--tier", "pro", "--expires", "PT0.001S"));
            String revoked = createKey(database, dir, "--tenant", "acme", "--tier", "pro");
            assertEquals(0, keys(database, dir, new ByteArrayOutputStream(), "revoke", revoked.substring(3, 19)));
            keys.put("revoked", revoked);
            RunningServer server =
                    RunningServer.start(database, dir, Map.of("AUTH_MODE", "multi", "BIND_ADDRESS", "127.0.0.1"));
            Deployment deployment = new Deployment(database, dir, server, keys, new HashMap<>());
            deployments.put(kind, deployment);
            storeThingsOfAcme(deployment);
        }
    }

    @AfterAll
    static void stop() {
        deployments.values().forEach(d -> {
            d.server().close();
            d.database().close();
        });
    }

    private static Map<String, String> env(TestDatabase database, Path dir) {
        Map<String, String> env = new HashMap<>();
        env.put("DATA_DIR", dir.toString());
        if (database.url() != null) {
            env.put("DATABASE_URL", database.url());
        }
        return env;
    }

    private static int keys(TestDatabase database, Path dir, ByteArrayOutputStream out, String... args) {
        return new KeysCommand(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .run(List.of(args), ServerConfig.fromEnvironment(env(database, dir)), Clock.systemUTC());
    }

    private static String createKey(TestDatabase database, Path dir, String... options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("create"));
        args.addAll(List.of(options));
        assertEquals(0, keys(database, dir, out, args.toArray(String[]::new)));
        String key = out.toString(StandardCharsets.UTF_8).strip();
        assertTrue(key.matches("sd_[0-9a-f]{16}_[0-9a-f]{64}"), key);
        return key;
    }

    /** Acme's signal, samples, a finished export job, an event and a batch: what the other tenant must not reach. */
    private static void storeThingsOfAcme(Deployment d) throws Exception {
        TestHttp acme = d.as("acme");
        assertEquals(
                201,
                acme.json(
                                "PUT",
                                "/api/v1/channels/secret/signals/sig",
                                "{\"unit\": \"V\", " + "\"sample_rate_hz\": 1000}")
                        .statusCode());
        assertEquals(
                200,
                acme.json(
                                "POST",
                                "/api/v1/channels/secret/signals/sig/samples",
                                "{\"start\": \"" + T0 + "\", \"values\": [1, 2, 3, 4]}")
                        .statusCode());
        JsonNode job = TestHttp.body(acme.json(
                "POST",
                "/api/v1/pivot/export",
                "{\"time_range\": {\"start\": \"" + T0
                        + "\", \"duration\": \"PT1S\"}, \"channels\": [\"secret\"], \"execution\": \"async\"}"));
        d.things().put("job", job.get("job_id").asText());
        awaitCompleted(acme, job.get("poll_url").asText());
        String eventId = UUID.randomUUID().toString();
        assertEquals(
                201,
                acme.json(
                                "POST",
                                "/v1/events",
                                "{\"events\": [{\"id\": \"" + eventId + "\", \"ticker\": "
                                        + "\"ACME\", \"headline\": \"Acme profit rose 20%\", \"published_at\": \"" + T0
                                        + "\"}]}")
                        .statusCode());
        d.things().put("event", eventId);
        String eventId2 = UUID.randomUUID().toString();
        assertEquals(
                201,
                acme.json(
                                "POST",
                                "/v1/events",
                                "{\"events\": [{\"id\": \"" + eventId2 + "\", \"ticker\": "
                                        + "\"ACME\", \"headline\": \"Acme opens a plant\", \"published_at\": \"" + T0
                                        + "\"}]}")
                        .statusCode());
        d.things().put("event2", eventId2);
        String batch = UUID.randomUUID().toString();
        assertEquals(
                202,
                acme.json(
                                "POST",
                                "/v1/score/batch",
                                "{\"job_id\": \"" + batch + "\", \"headlines\": " + "[\"Acme wins a contract\"]}")
                        .statusCode());
        awaitCompleted(acme, "/v1/score/batch/" + batch);
        d.things().put("batch", batch);
        String batch2 = UUID.randomUUID().toString();
        assertEquals(
                202,
                acme.json(
                                "POST",
                                "/v1/score/batch",
                                "{\"job_id\": \"" + batch2 + "\", \"headlines\": " + "[\"Acme cuts jobs\"]}")
                        .statusCode());
        d.things().put("batch2", batch2);
    }

    private static JsonNode awaitCompleted(TestHttp http, String pollUrl) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            JsonNode job = TestHttp.body(http.get(pollUrl));
            if (job.get("status").asText().equals("completed")) {
                return job;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not completed: " + pollUrl);
    }

    private static void assertProblem(HttpResponse<byte[]> response, int status, String code) {
        assertEquals(status, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        assertEquals(
                "application/problem+json",
                response.headers().firstValue("Content-Type").orElse(""));
        assertEquals(code, TestHttp.body(response).get("code").asText());
    }

    // ---- keys and 401 / 403 ------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void missing_unknown_revoked_expired_and_malformed_keys_all_get_the_same_401(TestDatabase.Kind kind) {
        Deployment d = deployments.get(kind);
        String acme = d.keys().get("acme");
        String secret = acme.substring(20);
        List<TestHttp> callers = List.of(
                d.server(),
                d.as("revoked"),
                d.as("expired"),
                d.server().withKey("sd_0123456789abcdef_" + secret), // unknown id
                d.server().withKey(acme.substring(0, 20) + "0".repeat(64)), // known id, wrong secret
                d.server().withKey(acme.toUpperCase(Locale.ROOT)),
                d.server().withKey("sk" + acme.substring(2)),
                d.server().withKey(acme.substring(0, acme.length() - 1)),
                d.server().withKey(acme + "00"),
                d.server().withKey(" " + acme + " x"),
                d.server().withHeaders(Map.of("Authorization", acme)),
                d.server().withHeaders(Map.of("Authorization", "Basic " + acme)),
                d.server().withKey("sd_' OR '1'='1'; DROP TABLE api_key; --"),
                d.server().withKey("sd_%00" + secret));
        String expected = null;
        for (int i = 0; i < callers.size(); i++) {
            HttpResponse<byte[]> response = callers.get(i).get("/api/v1/channels");
            assertEquals(401, response.statusCode(), "caller " + i);
            assertProblem(response, 401, "UNAUTHENTICATED");
            assertEquals(
                    "Bearer realm=\"speeddata\"",
                    response.headers().firstValue("WWW-Authenticate").orElse(""));
            String body = new String(response.body(), StandardCharsets.UTF_8);
            if (expected == null) {
                expected = body;
            }
            assertEquals(expected, body, "every refusal reads the same");
        }
        assertEquals(200, d.as("acme").get("/api/v1/channels").statusCode(), "and the real key passes");
        assertEquals(
                200,
                d.server()
                        .withHeaders(Map.of("Authorization", "bearer " + acme))
                        .get("/api/v1/channels")
                        .statusCode(),
                "the scheme is case-insensitive (RFC 9110)");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void two_authorization_headers_are_refused_even_when_both_are_good(TestDatabase.Kind kind) throws Exception {
        Deployment d = deployments.get(kind);
        HttpRequest request = HttpRequest.newBuilder(URI.create(d.server().base() + "/api/v1/channels"))
                .header("Authorization", "Bearer " + d.keys().get("acme"))
                .header("Authorization", "Bearer " + d.keys().get("beta"))
                .build();
        HttpResponse<byte[]> response =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertProblem(response, 401, "UNAUTHENTICATED");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void a_key_in_a_query_string_is_refused_whatever_it_is(TestDatabase.Kind kind) {
        Deployment d = deployments.get(kind);
        assertProblem(d.as("acme").get("/api/v1/channels?api_key=" + d.keys().get("acme")), 400, "KEY_IN_URL");
        assertProblem(d.server().get("/v1/models?access_token=sd_nonsense"), 400, "KEY_IN_URL");
        assertEquals(
                200, d.as("acme").get("/api/v1/pivot/jobs?status=completed").statusCode());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void health_and_ready_need_no_key_metrics_needs_an_admin_key(TestDatabase.Kind kind) {
        Deployment d = deployments.get(kind);
        assertEquals(200, d.server().get("/health").statusCode());
        assertEquals(200, d.server().get("/ready").statusCode());
        assertProblem(d.server().get("/metrics"), 401, "UNAUTHENTICATED");
        assertProblem(d.as("acme").get("/metrics"), 403, "FORBIDDEN");
        HttpResponse<byte[]> metrics = d.as("admin").get("/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(new String(metrics.body(), StandardCharsets.UTF_8).contains("speeddata_jobs"));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void an_admin_key_reads_every_tenants_jobs_but_cannot_cancel_or_download_them(TestDatabase.Kind kind) {
        Deployment d = deployments.get(kind);
        String job = d.things().get("job");
        assertEquals(200, d.as("admin").get("/api/v1/pivot/jobs/" + job).statusCode());
        JsonNode listed = TestHttp.body(d.as("admin").get("/api/v1/pivot/jobs?tenant=acme"));
        assertTrue(listed.get("jobs").toString().contains(job), listed.toString());
        assertProblem(d.as("beta").get("/api/v1/pivot/jobs?tenant=acme"), 403, "FORBIDDEN");
        assertProblem(d.as("admin").send("DELETE", "/api/v1/pivot/jobs/" + job, null, null), 404, "JOB_NOT_FOUND");
        assertProblem(d.as("admin").get("/api/v1/pivot/jobs/" + job + "/download"), 404, "JOB_NOT_FOUND");
        assertFalse(
                TestHttp.body(d.as("admin").get("/api/v1/pivot/jobs"))
                        .get("jobs")
                        .toString()
                        .contains(job),
                "without ?tenant an admin lists its own tenant's jobs");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void keys_of_tenant_local_see_what_single_user_mode_stored(TestDatabase.Kind kind) {
        Deployment d = deployments.get(kind);
        String local = new String(d.as("local").get("/api/v1/channels").body(), StandardCharsets.UTF_8);
        assertTrue(local.contains("\"legacy\"") && local.contains("\"samples\":3"), local);
        assertFalse(new String(d.as("acme").get("/api/v1/channels").body(), StandardCharsets.UTF_8).contains("legacy"));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void a_key_revoked_mid_job_lets_the_job_finish_as_its_tenants(TestDatabase.Kind kind) throws Exception {
        Deployment d = deployments.get(kind);
        String doomed = createKey(d.database(), d.dir(), "--tenant", "acme", "--tier", "pro_plus");
        JsonNode job = TestHttp.body(d.server()
                .withKey(doomed)
                .json(
                        "POST",
                        "/api/v1/pivot/export",
                        "{\"time_range\": {\"start\": \"" + T0
                                + "\", \"duration\": \"PT60S\"}, \"channels\": [\"secret\"], "
                                + "\"interval\": \"PT0.0001S\", \"format\": \"csv\", \"execution\": \"async\"}"));
        assertEquals(0, keys(d.database(), d.dir(), new ByteArrayOutputStream(), "revoke", doomed.substring(3, 19)));
        Thread.sleep(4_100); // the cache time after which every instance has seen the revocation
        assertProblem(d.server().withKey(doomed).get(job.get("poll_url").asText()), 401, "UNAUTHENTICATED");
        JsonNode done = awaitCompleted(d.as("acme2"), job.get("poll_url").asText());
        assertEquals(200, d.as("acme2").get(done.get("download_url").asText()).statusCode());
        assertProblem(d.as("beta").get(job.get("poll_url").asText()), 404, "JOB_NOT_FOUND");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void a_browser_opens_a_job_stream_with_a_single_use_ticket_and_others_with_the_header(TestDatabase.Kind kind)
            throws Exception {
        Deployment d = deployments.get(kind);
        String stream = d.server().base().replace("http", "ws") + "/api/v1/pivot/jobs/"
                + d.things().get("job") + "/stream";
        assertEquals(401, handshakeStatus(stream, null), "no key, no ticket");
        assertTrue(streamMessages(stream, "Authorization", "Bearer " + d.keys().get("acme"))
                .get(0)
                .contains("\"type\":\"state\""));
        JsonNode ticket = TestHttp.body(d.as("acme").json("POST", "/api/v1/stream-tickets", "{}"));
        assertTrue(ticket.get("ticket").asText().startsWith("wst_"), ticket.toString());
        assertTrue(streamMessages(stream + "?ticket=" + ticket.get("ticket").asText(), null, null)
                .get(0)
                .contains("\"type\":\"state\""));
        assertEquals(
                401, handshakeStatus(stream + "?ticket=" + ticket.get("ticket").asText(), null), "single use");
        String cookie = d.server()
                .json("POST", "/web/session", "{\"key\": \"" + d.keys().get("acme") + "\"}")
                .headers()
                .firstValue("Set-Cookie")
                .orElseThrow()
                .split(";")[0];
        assertEquals(401, handshakeStatus(stream, "Cookie", cookie), "the page's session cookie opens no stream");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void tenant_and_key_names_with_naughty_characters_are_refused_or_kept_verbatim(TestDatabase.Kind kind) {
        Deployment d = deployments.get(kind);
        for (String tenant :
                new String[] {"Acme", "acme corp", "acme;drop", "../etc", "ac\u0000me", "", "é", "a".repeat(64)}) {
            assertEquals(
                    2,
                    keys(
                            d.database(),
                            d.dir(),
                            new ByteArrayOutputStream(),
                            "create",
                            "--tenant",
                            tenant,
                            "--tier",
                            "pro"),
                    tenant);
        }
        String name = "Ünïcödé 'quoted' \"name\" <b>; DROP TABLE api_key; -- 🚀";
        createKey(d.database(), d.dir(), "--tenant", "gamma", "--tier", "pro", "--name", name);
        ByteArrayOutputStream listed = new ByteArrayOutputStream();
        assertEquals(0, keys(d.database(), d.dir(), listed, "list", "--tenant", "gamma"));
        assertTrue(listed.toString(StandardCharsets.UTF_8).contains(name), listed.toString(StandardCharsets.UTF_8));
        assertEquals(
                2,
                keys(
                        d.database(),
                        d.dir(),
                        new ByteArrayOutputStream(),
                        "create",
                        "--tenant",
                        "gamma",
                        "--tier",
                        "gold"),
                "unknown tier");
    }

    // ---- tiers --------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void over_its_rate_a_tenant_gets_429_with_the_ratelimit_headers_and_others_do_not(TestDatabase.Kind kind) {
        Deployment d = deployments.get(kind);
        String pro = createKey(d.database(), d.dir(), "--tenant", "delta", "--tier", "pro"); // score: 5/s, burst 10
        TestHttp delta = d.server().withKey(pro);
        HttpResponse<byte[]> first = delta.json("POST", "/v1/score", "{\"headlines\": [\"x\"]}");
        assertEquals(200, first.statusCode());
        assertEquals(
                "\"score\";q=10;w=2",
                first.headers().firstValue("RateLimit-Policy").orElse(""));
        assertTrue(
                first.headers().firstValue("RateLimit").orElse("").startsWith("\"score\";r="),
                first.headers().toString());
        HttpResponse<byte[]> refused = null;
        for (int i = 0; i < 30 && refused == null; i++) {
            HttpResponse<byte[]> response = delta.json("POST", "/v1/score", "{\"headlines\": [\"x\"]}");
            if (response.statusCode() == 429) {
                refused = response;
            }
        }
        assertTrue(refused != null, "a burst of 10 at 5/s runs out within 30 calls");
        assertProblem(refused, 429, "RATE_LIMITED");
        long retryAfter =
                Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(1, retryAfter, "one token comes within 0.2 s, rounded up to whole seconds");
        assertEquals(
                "\"score\";r=0;t=" + retryAfter,
                refused.headers().firstValue("RateLimit").orElse(""));
        assertEquals(
                200,
                d.as("beta")
                        .json("POST", "/v1/score", "{\"headlines\": [\"x\"]}")
                        .statusCode(),
                "another tenant of the same tier has its own bucket");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void a_tier_caps_headlines_per_call(TestDatabase.Kind kind) {
        Deployment d = deployments.get(kind);
        HttpResponse<byte[]> tooMany =
                d.as("acme").json("POST", "/v1/score", "{\"headlines\": [" + "\"x\", ".repeat(10) + "\"x\"]}");
        assertProblem(tooMany, 413, "TOO_MANY_ITEMS");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void a_tenant_gets_429_past_its_queued_quota_and_never_runs_more_than_its_running_quota(TestDatabase.Kind kind)
            throws Exception {
        TestDatabase database = TestDatabase.create(kind);
        Path dir = dataDir.resolve("quota-" + kind);
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Path tiers = dir.resolve("tiers.json");
        java.nio.file.Files.writeString(tiers, "{\"pro\": {\"jobs_queued\": 2, \"jobs_running\": 1}}");
        Map<String, String> settings = Map.of(
                "AUTH_MODE", "multi", "BIND_ADDRESS", "127.0.0.1", "TIERS_FILE", tiers.toString(), "JOB_WORKERS", "3");
        Map<String, String> env = new HashMap<>(env(database, dir));
        env.put("TIERS_FILE", tiers.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 2; i++) {
            assertEquals(
                    0,
                    new KeysCommand(
                                    new PrintStream(out, true, StandardCharsets.UTF_8),
                                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                            .run(
                                    List.of("create", "--tenant", "zeta", "--tier", "pro"),
                                    ServerConfig.fromEnvironment(env),
                                    Clock.systemUTC()));
        }
        String[] zetaKeys = out.toString(StandardCharsets.UTF_8).strip().split("\\s+");
        String streamKey = zetaKeys[1];
        try (database;
                RunningServer server = RunningServer.start(database, dir, settings)) {
            TestHttp zeta = server.withKey(zetaKeys[0]);
            zeta.json("PUT", "/api/v1/channels/q/signals/s", "{\"unit\": \"V\", \"sample_rate_hz\": 1000}");
            double[] values = new double[30_000];
            assertEquals(
                    200,
                    zeta.send(
                                    "POST",
                                    "/api/v1/channels/q/signals/s/samples?start=" + T0,
                                    "application/octet-stream",
                                    PivotExportEndToEndTest.float64(values))
                            .statusCode());
            String slow = "{\"time_range\": {\"start\": \"" + T0 + "\", \"duration\": \"PT30S\"}, \"channels\": "
                    + "[\"q\"], \"interval\": \"PT0.00001S\", \"format\": \"csv\", \"execution\": \"async\"}";
            List<String> accepted = new ArrayList<>();
            int refused = 0;
            for (int i = 0; i < 5; i++) {
                HttpResponse<byte[]> response = zeta.json("POST", "/api/v1/pivot/export", slow);
                if (response.statusCode() == 202) {
                    accepted.add(TestHttp.body(response).get("poll_url").asText());
                } else {
                    assertProblem(response, 429, "QUOTA_EXCEEDED");
                    assertTrue(response.headers().firstValue("Retry-After").isPresent());
                    refused++;
                }
            }
            assertTrue(
                    accepted.size() <= 3 && refused >= 2,
                    accepted.size() + " accepted: one running and two " + "queued at most");
            int mostRunning = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            int done = 0;
            while (done < accepted.size() && System.nanoTime() < deadline) {
                // One listing is one snapshot; polling each job in turn could see one end and the next start.
                int running = TestHttp.body(zeta.get("/api/v1/pivot/jobs?status=running"))
                        .get("jobs")
                        .size();
                done = TestHttp.body(zeta.get("/api/v1/pivot/jobs?status=completed"))
                        .get("jobs")
                        .size();
                mostRunning = Math.max(mostRunning, running);
                Thread.sleep(50);
            }
            assertEquals(accepted.size(), done, "every accepted job completes");
            assertEquals(1, mostRunning, "three workers, yet one job of the tenant at a time");

            // A stream stays open only while its key does: queue jobs, watch the last, revoke the watching key.
            String longer = slow.replace("PT30S", "PT60S");
            zeta.send(
                    "POST",
                    "/api/v1/channels/q/signals/s/samples?start=2025-01-23T14:00:30Z",
                    "application/octet-stream",
                    PivotExportEndToEndTest.float64(values));
            List<String> queued = new ArrayList<>();
            for (int attempt = 0; queued.size() < 3 && attempt < 50; attempt++) {
                HttpResponse<byte[]> response = zeta.json("POST", "/api/v1/pivot/export", longer);
                if (response.statusCode() == 202) {
                    queued.add(TestHttp.body(response).get("poll_url").asText());
                } else {
                    Thread.sleep(100); // the queued quota of 2 until a worker takes the first
                }
            }
            CompletableFuture<List<String>> watched = CompletableFuture.supplyAsync(() -> {
                try {
                    return streamMessages(
                            server.base().replace("http", "ws") + queued.get(2) + "/stream",
                            "Authorization",
                            "Bearer " + streamKey);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            ByteArrayOutputStream ignored = new ByteArrayOutputStream();
            assertEquals(
                    0,
                    new KeysCommand(
                                    new PrintStream(ignored, true, StandardCharsets.UTF_8),
                                    new PrintStream(ignored, true, StandardCharsets.UTF_8))
                            .run(
                                    List.of("revoke", streamKey.substring(3, 19)),
                                    ServerConfig.fromEnvironment(env),
                                    Clock.systemUTC()));
            long revokedAt = System.nanoTime();
            List<String> messages = watched.get(15, TimeUnit.SECONDS);
            long seenWithin = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - revokedAt);
            queued.forEach(poll -> zeta.send("DELETE", poll, null, null));
            String last = messages.get(messages.size() - 1);
            if (last.equals("close 1000")) {
                // The job ended before any instance could see the revocation (keys are cached up to 4 s): the
                // stream ends normally, and only within the contract's 5 s.
                assertTrue(
                        messages.get(messages.size() - 2).contains("\"complete\"") && seenWithin < 5_000,
                        "ended in " + seenWithin + " ms: " + messages);
            } else {
                assertEquals("close 4401", last, "an open stream ends with its key: " + messages);
            }
        }
    }

    @Test
    void two_instances_on_one_database_together_allow_the_tier_rate_not_twice_it() throws Exception {
        Deployment d = deployments.get(TestDatabase.Kind.POSTGRES);
        String key = createKey(d.database(), d.dir(), "--tenant", "epsilon", "--tier", "pro"); // 5/s, burst 10
        try (RunningServer second =
                RunningServer.start(d.database(), d.dir(), Map.of("AUTH_MODE", "multi", "BIND_ADDRESS", "127.0.0.1"))) {
            List<TestHttp> instances = List.of(d.server().withKey(key), second.withKey(key));
            long started = System.nanoTime();
            int allowed = 0;
            int sent = 0;
            while (System.nanoTime() - started < TimeUnit.SECONDS.toNanos(3)) {
                int status = instances
                        .get(sent++ % 2)
                        .json("POST", "/v1/score", "{\"headlines\": [\"x\"]}")
                        .statusCode();
                assertTrue(status == 200 || status == 429, "status " + status);
                allowed += status == 200 ? 1 : 0;
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            double ceiling = 10 + 5 * seconds;
            assertTrue(sent > 2 * ceiling, "sent " + sent + ", enough to pass the rate twice over");
            assertTrue(allowed <= ceiling + 1, allowed + " passed in " + seconds + " s; the tier allows " + ceiling);
            assertTrue(allowed >= 10, allowed + " passed: at least the burst");
        }
    }

    // ---- tenant isolation: every route --------------------------------------------------------------------------

    /** Beta's request for acme's thing must read exactly like beta's request for a thing that does not exist. */
    private static void assertLikeMissing(
            HttpResponse<byte[]> forOthers, HttpResponse<byte[]> forNothing, String othersId, String missingId) {
        assertEquals(forNothing.statusCode(), forOthers.statusCode(), new String(forOthers.body()));
        assertTrue(forOthers.statusCode() == 404 || forOthers.statusCode() == 400, "refused as unknown");
        assertEquals(
                new String(forNothing.body(), StandardCharsets.UTF_8).replace(missingId, "ID"),
                new String(forOthers.body(), StandardCharsets.UTF_8).replace(othersId, "ID"));
    }

    private interface Scenario {
        void check(Deployment d, TestHttp acme, TestHttp beta) throws Exception;
    }

    private static final Map<String, Scenario> ISOLATION = new HashMap<>();

    static {
        String missing = "00000000-0000-4000-8000-000000000000";
        ISOLATION.put(
                "GET /health",
                (d, acme, beta) -> assertEquals(200, d.server().get("/health").statusCode()));
        ISOLATION.put(
                "GET /ready",
                (d, acme, beta) -> assertEquals(200, d.server().get("/ready").statusCode()));
        ISOLATION.put("GET /metrics", (d, acme, beta) -> assertProblem(beta.get("/metrics"), 403, "FORBIDDEN"));
        ISOLATION.put(
                "GET /v1/models",
                (d, acme, beta) -> assertEquals(
                        acme.get("/v1/models").body().length,
                        beta.get("/v1/models").body().length,
                        "models are shared, not stored per tenant"));
        ISOLATION.put(
                "POST /v1/score",
                (d, acme, beta) -> assertEquals(
                        200,
                        beta.json("POST", "/v1/score", "{\"headlines\": [\"x\"]}")
                                .statusCode()));
        ISOLATION.put("PUT /api/v1/channels/{channel}/signals/{signal}", (d, acme, beta) -> {
            assertEquals(
                    201,
                    beta.json("PUT", "/api/v1/channels/secret/signals/sig", "{\"unit\": \"mV\"}")
                            .statusCode(),
                    "the same name is a new signal of beta's");
            assertTrue(new String(acme.get("/api/v1/channels").body()).contains("\"unit\":\"V\""));
        });
        ISOLATION.put(
                "GET /api/v1/channels",
                (d, acme, beta) ->
                        assertFalse(new String(beta.get("/api/v1/channels").body()).contains("\"samples\":4")));
        ISOLATION.put(
                "POST /api/v1/channels/{channel}/signals/{signal}/samples",
                (d, acme, beta) -> assertLikeMissing(
                        beta.json("POST", "/api/v1/channels/secret2/signals/s/samples", "{\"values\": [1]}"),
                        beta.json("POST", "/api/v1/channels/nosuch2/signals/s/samples", "{\"values\": [1]}"),
                        "secret2",
                        "nosuch2"));
        ISOLATION.put("DELETE /api/v1/channels/{channel}/signals/{signal}", (d, acme, beta) -> {
            assertLikeMissing(
                    beta.send("DELETE", "/api/v1/channels/secret2/signals/s", null, null),
                    beta.send("DELETE", "/api/v1/channels/nosuch2/signals/s", null, null),
                    "secret2",
                    "nosuch2");
            assertTrue(new String(acme.get("/api/v1/channels").body()).contains("secret2"), "acme's is still there");
        });
        ISOLATION.put("DELETE /api/v1/channels/{channel}/signals/{signal}/samples", (d, acme, beta) -> {
            String range = "/samples?start=1970-01-01T00:00:00Z&end=2200-01-01T00:00:00Z";
            acme.json("POST", "/api/v1/channels/secret2/signals/s/samples", "{\"timestamps\": [5], \"values\": [1]}");
            assertLikeMissing(
                    beta.send("DELETE", "/api/v1/channels/secret2/signals/s" + range, null, null),
                    beta.send("DELETE", "/api/v1/channels/nosuch2/signals/s" + range, null, null),
                    "secret2",
                    "nosuch2");
            HttpResponse<byte[]> own = acme.send("DELETE", "/api/v1/channels/secret2/signals/s" + range, null, null);
            assertEquals("{\"deleted\":1}", new String(own.body()), "acme's sample was still there");
        });
        for (String route : List.of("export", "estimate")) {
            ISOLATION.put(
                    "POST /api/v1/pivot/" + route,
                    (d, acme, beta) -> assertLikeMissing(
                            beta.json("POST", "/api/v1/pivot/" + route, exportOf("secret2")),
                            beta.json("POST", "/api/v1/pivot/" + route, exportOf("nosuch2")),
                            "secret2",
                            "nosuch2"));
        }
        ISOLATION.put(
                "GET /api/v1/pivot/jobs",
                (d, acme, beta) ->
                        assertFalse(new String(beta.get("/api/v1/pivot/jobs").body())
                                .contains(d.things().get("job"))));
        for (String suffix : List.of("", "/download")) {
            ISOLATION.put(
                    "GET /api/v1/pivot/jobs/{job_id}" + suffix,
                    (d, acme, beta) -> assertLikeMissing(
                            beta.get("/api/v1/pivot/jobs/" + d.things().get("job") + suffix),
                            beta.get("/api/v1/pivot/jobs/" + missing + suffix),
                            d.things().get("job"),
                            missing));
        }
        ISOLATION.put(
                "HEAD /api/v1/pivot/jobs/{job_id}/download",
                (d, acme, beta) -> assertEquals(
                        404,
                        beta.send("HEAD", "/api/v1/pivot/jobs/" + d.things().get("job") + "/download", null, null)
                                .statusCode()));
        ISOLATION.put("DELETE /api/v1/pivot/jobs/{job_id}", (d, acme, beta) -> {
            assertLikeMissing(
                    beta.send("DELETE", "/api/v1/pivot/jobs/" + d.things().get("job"), null, null),
                    beta.send("DELETE", "/api/v1/pivot/jobs/" + missing, null, null),
                    d.things().get("job"),
                    missing);
            assertEquals(
                    200,
                    acme.get("/api/v1/pivot/jobs/" + d.things().get("job") + "/download")
                            .statusCode(),
                    "acme's result is still there");
        });
        ISOLATION.put("WS /api/v1/pivot/jobs/<job_id>/stream", (d, acme, beta) -> {
            String base = d.server().base().replace("http", "ws") + "/api/v1/pivot/jobs/";
            String bearer = "Bearer " + d.keys().get("beta");
            assertEquals(
                    streamMessages(base + missing + "/stream", "Authorization", bearer)
                            .toString()
                            .replace(missing, "ID"),
                    streamMessages(base + d.things().get("job") + "/stream", "Authorization", bearer)
                            .toString()
                            .replace(d.things().get("job"), "ID"));
        });
        ISOLATION.put("POST /api/v1/stream-tickets", (d, acme, beta) -> {
            String ticket = TestHttp.body(beta.json("POST", "/api/v1/stream-tickets", "{}"))
                    .get("ticket")
                    .asText();
            List<String> messages = streamMessages(
                    d.server().base().replace("http", "ws") + "/api/v1/pivot/jobs/"
                            + d.things().get("job") + "/stream?ticket=" + ticket,
                    null,
                    null);
            assertTrue(messages.get(0).contains("JOB_NOT_FOUND"), "a ticket is its key's tenant: " + messages);
        });
        ISOLATION.put(
                "GET /",
                (d, acme, beta) -> assertEquals(200, d.server().get("/").statusCode(), "the page needs no key"));
        ISOLATION.put(
                "GET /ui/<path>",
                (d, acme, beta) ->
                        assertEquals(200, d.server().get("/ui/js/main.js").statusCode(), "nor do its scripts"));
        ISOLATION.put(
                "GET /web/session",
                (d, acme, beta) -> assertEquals(
                        "{\"mode\":\"multi\",\"authenticated\":false}",
                        new String(beta.get("/web/session").body()),
                        "a key alone is no session"));
        ISOLATION.put("POST /web/session", (d, acme, beta) -> {
            HttpResponse<byte[]> login = d.server()
                    .json("POST", "/web/session", "{\"key\": \"" + d.keys().get("beta") + "\"}");
            assertEquals(201, login.statusCode());
            assertEquals("beta", TestHttp.body(login).get("tenant").asText());
            String cookie =
                    login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            TestHttp session = d.server().withHeaders(Map.of("Cookie", cookie));
            assertEquals(200, session.get("/api/v1/channels").statusCode());
            assertFalse(new String(session.get("/api/v1/channels").body()).contains("secret2"), "beta's session");
            assertLikeMissing(
                    session.get("/api/v1/pivot/jobs/" + d.things().get("job")),
                    session.get("/api/v1/pivot/jobs/" + missing),
                    d.things().get("job"),
                    missing);
        });
        ISOLATION.put(
                "DELETE /web/session",
                (d, acme, beta) -> assertEquals(
                        204, beta.send("DELETE", "/web/session", null, null).statusCode()));
        ISOLATION.put("POST /v1/events", (d, acme, beta) -> {
            assertEquals(
                    201,
                    beta.json(
                                    "POST",
                                    "/v1/events",
                                    "{\"events\": [{\"id\": \"" + d.things().get("event2")
                                            + "\", \"ticker\": \"BETA\", \"headline\": \"Beta\", \"published_at\": \""
                                            + T0 + "\"}]}")
                            .statusCode(),
                    "an id another tenant uses is free for this one");
            assertTrue(new String(acme.get("/v1/events?ticker=ACME").body()).contains("Acme profit rose"));
        });
        ISOLATION.put(
                "GET /v1/events",
                (d, acme, beta) -> assertFalse(new String(beta.get("/v1/events").body()).contains("Acme profit rose")));
        ISOLATION.put(
                "GET /v1/events/{event_id}/scores",
                (d, acme, beta) -> assertLikeMissing(
                        beta.get("/v1/events/" + d.things().get("event") + "/scores"),
                        beta.get("/v1/events/" + missing + "/scores"),
                        d.things().get("event"),
                        missing));
        ISOLATION.put(
                "POST /v1/score/rescore",
                (d, acme, beta) -> assertLikeMissing(
                        beta.json(
                                "POST",
                                "/v1/score/rescore",
                                "{\"event_ids\": [\"" + d.things().get("event") + "\"]}"),
                        beta.json("POST", "/v1/score/rescore", "{\"event_ids\": [\"" + missing + "\"]}"),
                        d.things().get("event"),
                        missing));
        for (String suffix : List.of("", "/results")) {
            ISOLATION.put(
                    "GET /v1/score/batch/{job_id}" + suffix,
                    (d, acme, beta) -> assertLikeMissing(
                            beta.get("/v1/score/batch/" + d.things().get("batch") + suffix),
                            beta.get("/v1/score/batch/" + missing + suffix),
                            d.things().get("batch"),
                            missing));
        }
        ISOLATION.put("POST /v1/score/batch", (d, acme, beta) -> {
            String id = d.things().get("batch2");
            HttpResponse<byte[]> mine = beta.json(
                    "POST",
                    "/v1/score/batch",
                    "{\"job_id\": \"" + id + "\", \"headlines\": [\"Beta grows\", \"Beta shrinks\"]}");
            assertEquals(
                    202,
                    mine.statusCode(),
                    "another tenant's batch id is simply a new job, never 409: " + new String(mine.body()));
            JsonNode theirs = awaitCompleted(acme, "/v1/score/batch/" + id);
            assertEquals(1, theirs.get("total").asInt(), "acme's batch is untouched");
            assertEquals(
                    2,
                    awaitCompleted(beta, "/v1/score/batch/" + id).get("total").asInt());
        });
    }

    private static String exportOf(String channel) {
        return "{\"time_range\": {\"start\": \"" + T0 + "\", \"duration\": \"PT1S\"}, \"channels\": [\"" + channel
                + "\"]}";
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void every_route_keeps_each_tenants_things_to_itself(TestDatabase.Kind kind) throws Exception {
        Deployment d = deployments.get(kind);
        TestHttp acme = d.as("acme");
        acme.json("PUT", "/api/v1/channels/secret2/signals/s", "{\"unit\": \"V\", \"sample_rate_hz\": 10}");
        List<String> routes = d.server().application().routes();
        List<String> unscoped =
                routes.stream().filter(route -> !ISOLATION.containsKey(route)).toList();
        assertEquals(List.of(), unscoped, "routes with no tenant-isolation case here: add one for each");
        for (String route : routes) {
            try {
                ISOLATION.get(route).check(d, acme, d.as("beta"));
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(route + ": " + e.getMessage(), e);
            }
        }
    }

    @Test
    void the_isolation_walk_has_no_case_for_a_route_that_does_not_exist() {
        List<String> routes = deployments
                .get(TestDatabase.Kind.EMBEDDED)
                .server()
                .application()
                .routes();
        List<String> stale = ISOLATION.keySet().stream()
                .filter(route -> !routes.contains(route))
                .sorted()
                .toList();
        assertEquals(List.of(), stale, "cases for routes the server no longer has");
    }

    // ---- WebSocket helpers ---------------------------------------------------------------------------------------

    private static int handshakeStatus(String url, String authorization) throws Exception {
        return handshakeStatus(url, authorization == null ? null : "Authorization", authorization);
    }

    private static int handshakeStatus(String url, String header, String value) throws Exception {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (header != null) {
            builder.header(header, value);
        }
        try {
            builder.buildAsync(URI.create(url), new WebSocket.Listener() {})
                    .get(10, TimeUnit.SECONDS)
                    .abort();
            return 101;
        } catch (ExecutionException e) {
            WebSocketHandshakeException refused = assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
            return refused.getResponse().statusCode();
        }
    }

    private static List<String> streamMessages(String url, String header, String value) throws Exception {
        List<String> messages = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (header != null) {
            builder.header(header, value);
        }
        builder.buildAsync(URI.create(url), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        messages.add(data.toString());
                        socket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
                        messages.add("close " + status);
                        closed.complete(null);
                        return null;
                    }
                })
                .get(10, TimeUnit.SECONDS);
        closed.get(30, TimeUnit.SECONDS);
        assertNotEquals(0, messages.size());
        return messages;
    }
}
