package com.speeddata.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.speeddata.scoring.model.Model;
import com.speeddata.scoring.model.ModelRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Issue 4's benchmark, a main: scorer throughput in-process, HTTP latency of a 10-headline {@code /v1/score}
 * under 1 and 32 concurrent clients, and batch scoring of 100,000 stored events end to end.
 * {@code scripts/bench scoring [embedded|postgres]} (PostgreSQL by default).
 */
public final class ScoringBench {
    private static final String[] HEADLINES = {
        "Acme quarterly profit rose 20%, beating analyst estimates",
        "Globex shares plunge after regulator opens fraud probe",
        "Initech to cut 1,200 jobs as guidance is lowered",
        "Umbrella Corp schedules third-quarter earnings call for Oct. 24",
        "Hooli upgraded to buy at Morgan Stanley on cloud growth",
        "Stark Industries loss narrowed as costs fell",
        "Wayne Enterprises completes acquisition of rival for $2 billion",
        "Soylent misses revenue forecast, withdraws full-year outlook",
        "Cyberdyne debt fell to lowest level in a decade",
        "Tyrell announces new chief financial officer"
    };

    public static void main(String[] args) throws Exception {
        inProcess();
        String store = args.length == 0 ? "postgres" : args[0];
        Path dataDir = Files.createTempDirectory("scoring-bench-");
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.valueOf(store.toUpperCase(Locale.ROOT)));
                RunningServer server = RunningServer.start(database, dataDir, Map.of())) {
            System.out.printf("%n== HTTP on %s%n", store);
            String body = tenHeadlines();
            latency(server, body, 1, 3000);
            latency(server, body, 32, 300);
            batch(server, 100_000);
        }
    }

    private static void inProcess() {
        for (Model model : ModelRegistry.bundled().models()) {
            long scored = 0;
            double checksum = 0;
            long started = System.nanoTime();
            long deadline = started + 3_000_000_000L;
            while (System.nanoTime() < deadline) {
                for (String headline : HEADLINES) {
                    checksum += model.score(headline).score();
                }
                scored += HEADLINES.length;
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(
                    "in-process, one thread, model %s: %,.0f headlines/s (checksum %.1f)%n",
                    model.name(), scored / seconds, checksum);
        }
    }

    private static String tenHeadlines() {
        StringBuilder body = new StringBuilder("{\"headlines\": [");
        for (int i = 0; i < HEADLINES.length; i++) {
            body.append(i == 0 ? "" : ", ").append('"').append(HEADLINES[i]).append('"');
        }
        return body.append("]}").toString();
    }

    private static void latency(RunningServer server, String body, int clients, int requestsPerClient)
            throws Exception {
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.base() + "/v1/score"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        for (int i = 0; i < 500; i++) {
            client.send(request, HttpResponse.BodyHandlers.discarding());
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<long[]>> futures = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                long[] latencies = new long[requestsPerClient];
                for (int i = 0; i < requestsPerClient; i++) {
                    long t = System.nanoTime();
                    HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                    latencies[i] = System.nanoTime() - t;
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("HTTP " + response.statusCode());
                    }
                }
                return latencies;
            }));
        }
        long[] all = new long[clients * requestsPerClient];
        int n = 0;
        for (Future<long[]> future : futures) {
            for (long latency : future.get()) {
                all[n++] = latency;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        Arrays.sort(all);
        System.out.printf(
                "POST /v1/score, 10 headlines, %d client(s): %,d requests, %.0f req/s, p50 %.2f ms, "
                        + "p99 %.2f ms, max %.2f ms%n",
                clients,
                all.length,
                all.length / seconds,
                all[all.length / 2] / 1e6,
                all[(int) (all.length * 0.99)] / 1e6,
                all[all.length - 1] / 1e6);
    }

    private static void batch(RunningServer server, int events) throws Exception {
        String ticker = "BENCH";
        long started = System.nanoTime();
        for (int from = 0; from < events; from += 10_000) {
            StringBuilder body = new StringBuilder("{\"events\": [");
            for (int i = from; i < from + 10_000; i++) {
                body.append(i == from ? "" : ", ")
                        .append("{\"ticker\": \"")
                        .append(ticker)
                        .append("\", \"headline\": \"")
                        .append(HEADLINES[i % HEADLINES.length])
                        .append(" (")
                        .append(i)
                        .append(")\", \"published_at\": \"")
                        .append(java.time.Instant.ofEpochSecond(1_767_225_600L + i))
                        .append("\"}");
            }
            HttpResponse<byte[]> stored =
                    server.json("POST", "/v1/events", body.append("]}").toString());
            if (stored.statusCode() != 201) {
                throw new IllegalStateException(new String(stored.body()));
            }
        }
        double storing = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "stored %,d events over HTTP in %.2f s (%,.0f events/s)%n", events, storing, events / storing);
        String jobId = UUID.randomUUID().toString();
        long submitted = System.nanoTime();
        HttpResponse<byte[]> accepted = server.json(
                "POST",
                "/v1/score/batch",
                "{\"job_id\": \"" + jobId + "\", \"selection\": {\"unscored\": true, \"ticker\": \"" + ticker + "\"}}");
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException(new String(accepted.body()));
        }
        JsonNode status;
        do {
            Thread.sleep(100);
            status = RunningServer.body(server.get("/v1/score/batch/" + jobId));
        } while (!status.get("status").asText().equals("completed")
                && !status.get("status").asText().equals("failed"));
        double seconds = (System.nanoTime() - submitted) / 1e9;
        System.out.printf(
                "batch of %,d stored events (selection unscored), submit to completed: %.2f s = %,.0f events/s "
                        + "(%s, scored %d, failed %d)%n",
                events,
                seconds,
                events / seconds,
                status.get("status").asText(),
                status.get("scored").asLong(),
                status.get("failed").asLong());
    }
}
