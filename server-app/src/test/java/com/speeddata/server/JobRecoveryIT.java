package com.speeddata.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs survive the death of the process running them: real server processes, killed with SIGKILL mid-job.
 * A CSV export on a 10 µs grid takes a few seconds, long enough to be caught running.
 */
class JobRecoveryIT {
    private static final String T0 = "2025-01-23T14:00:00Z";
    private static final int SECONDS = 60;
    private static final long ROWS = SECONDS * 100_000L;

    @TempDir
    Path dir;

    private static Map<String, String> env(Path dataDir, String databaseUrl) {
        Map<String, String> env = new java.util.HashMap<>(
                Map.of("DATA_DIR", dataDir.toString(), "JOB_LEASE", "PT2S", "JOB_WORKERS", "1"));
        if (databaseUrl != null) {
            env.put("DATABASE_URL", databaseUrl);
        }
        return env;
    }

    @Test
    void a_job_killed_mid_run_with_its_server_completes_after_a_restart_on_the_embedded_store() throws Exception {
        Path data = dir.resolve("data");
        String pollUrl;
        try (ServerProcess first = ServerProcess.start(env(data, null), dir.resolve("first.log"))) {
            TestHttp http = new TestHttp(first.base());
            ingest(http);
            pollUrl = submit(http);
            awaitProgress(http, pollUrl);
            first.kill9();
            assertTrue(first.log().contains("attempt 1 started"), "it ran on the killed server:\n" + first.log());
        }
        try (ServerProcess second = ServerProcess.start(env(data, null), dir.resolve("second.log"))) {
            TestHttp http = new TestHttp(second.base());
            JsonNode done = await(http, pollUrl, "completed");
            // The claim commits without waiting for the disk, so the kill may have taken it along: the job then
            // counts one attempt, else two. Either way it ran again, here, to a whole file.
            String finished = done.get("job_id").asText() + " completed";
            assertTrue(
                    second.logOnce(finished, 5).contains(finished),
                    "finished by the restarted server:\n" + second.log());
            assertCompleteCsv(http, done);
        }
    }

    @Test
    void two_instances_share_one_postgres_and_the_survivor_finishes_every_job_once() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRES)) {
            Path data = dir.resolve("shared");
            try (ServerProcess a = ServerProcess.start(env(data, database.url()), dir.resolve("a.log"));
                    ServerProcess b = ServerProcess.start(env(data, database.url()), dir.resolve("b.log"))) {
                TestHttp viaA = new TestHttp(a.base());
                TestHttp viaB = new TestHttp(b.base());
                ingest(viaA);
                List<String> polls = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    polls.add(submit(viaA));
                }
                awaitRunningOn(a, viaB, polls);
                a.kill9();
                int attempts = 0;
                for (String poll : polls) {
                    JsonNode done = await(viaB, poll, "completed");
                    attempts += done.get("attempts").asInt();
                    assertCompleteCsv(viaB, done);
                }
                assertEquals(5, attempts, "four jobs, one of them run twice: the one the killed instance held");
                assertTrue(b.logOnce("completed", 5).contains("completed"), "instance b finished the work");
            }
        }
    }

    private static void ingest(TestHttp http) {
        for (String signal : List.of("a", "b")) {
            http.json("PUT", "/api/v1/channels/rig/signals/" + signal, "{\"unit\": \"V\", \"sample_rate_hz\": 1000}");
            double[] values = new double[SECONDS * 1000];
            for (int i = 0; i < values.length; i++) {
                values[i] = i % 1000;
            }
            HttpResponse<byte[]> stored = http.send(
                    "POST",
                    "/api/v1/channels/rig/signals/" + signal + "/samples?start=" + T0,
                    "application/octet-stream",
                    PivotExportEndToEndTest.float64(values));
            assertEquals(200, stored.statusCode(), new String(stored.body()));
        }
    }

    private static String submit(TestHttp http) {
        HttpResponse<byte[]> accepted = http.json(
                "POST",
                "/api/v1/pivot/export",
                "{\"time_range\": {\"start\": \""
                        + T0 + "\", \"duration\": \"PT" + SECONDS
                        + "S\"}, \"channels\": [\"rig\"], \"interval\": \"PT0.00001S\", "
                        + "\"format\": \"csv\", \"execution\": \"async\"}");
        assertEquals(202, accepted.statusCode(), new String(accepted.body()));
        return TestHttp.body(accepted).get("poll_url").asText();
    }

    private static void awaitProgress(TestHttp http, String pollUrl) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            JsonNode job = TestHttp.body(http.get(pollUrl));
            if (job.get("status").asText().equals("running")
                    && job.get("progress").get("percent").asInt() >= 5) {
                return;
            }
            if (job.get("status").asText().equals("completed")) {
                throw new AssertionError("finished before it could be killed; make the export larger");
            }
            Thread.sleep(20);
        }
        throw new AssertionError("job never made progress");
    }

    /** Waits until the instance about to be killed is running a job (its log says so). */
    private static void awaitRunningOn(ServerProcess instance, TestHttp http, List<String> polls) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (instance.log().contains("attempt 1 started")) {
                long running = polls.stream()
                        .filter(p -> TestHttp.body(http.get(p))
                                .get("status")
                                .asText()
                                .equals("running"))
                        .count();
                if (running >= 2) {
                    Thread.sleep(300);
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("both instances never ran a job at once:\n" + instance.log());
    }

    private static JsonNode await(TestHttp http, String pollUrl, String status) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        JsonNode job = null;
        while (System.nanoTime() < deadline) {
            job = TestHttp.body(http.get(pollUrl));
            if (job.get("status").asText().equals(status)) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job never became " + status + ": " + job);
    }

    /** The downloaded file matches its recorded SHA-256 and holds every grid row, in order. */
    private static void assertCompleteCsv(TestHttp http, JsonNode job) throws Exception {
        HttpResponse<java.io.InputStream> download = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        http.base() + job.get("download_url").asText()))
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, download.statusCode());
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        long lines = 0;
        String last = null;
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(new DigestInputStream(download.body(), sha256), StandardCharsets.US_ASCII),
                1 << 20)) {
            assertEquals("time,rig/a,rig/b", reader.readLine());
            for (String line; (line = reader.readLine()) != null; lines++) {
                last = line;
            }
        }
        assertEquals(ROWS, lines);
        assertEquals(
                "2025-01-23T14:00:59.999990000Z,,",
                last,
                "the last grid row; no sample follows it, so linear fill leaves it empty");
        assertEquals(job.get("result").get("sha256").asText(), HexFormat.of().formatHex(sha256.digest()));
    }
}
