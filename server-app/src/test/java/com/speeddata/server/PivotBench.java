package com.speeddata.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.speeddata.pivot.export.Aggregate;
import com.speeddata.pivot.export.Execution;
import com.speeddata.pivot.export.ExportRequest;
import com.speeddata.pivot.export.FillSpec;
import com.speeddata.pivot.export.Format;
import com.speeddata.pivot.export.Layout;
import com.speeddata.pivot.export.PreparedExport;
import com.speeddata.pivot.export.ProgressListener;
import com.speeddata.pivot.time.TimeRangeSpec;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Issue 2's benchmark, a main (not a test): the real service in this JVM, on the embedded store and on
 * PostgreSQL. Prints ingest rate of binary bodies over HTTP, HDF5 export throughput (file written by the export
 * use case, and end to end over HTTP), peak heap of each phase, and an export over 2 GB. Run it with -Xmx256m
 * to show the heap stays bounded: {@code scripts/bench pivot}.
 */
public final class PivotBench {
    private static final String T0 = "2025-01-23T14:00:00Z";
    private static final long T0_NS = 1_737_640_800_000_000_000L;
    private static final int SIGNALS = 8;
    private static final double RATE_HZ = 1000.0;
    private static final int SECONDS = 3600;

    private final RunningServer server;
    private final Application application;
    private final HttpClient client = HttpClient.newHttpClient();

    private PivotBench(RunningServer server) {
        this.server = server;
        this.application = server.application();
    }

    public static void main(String[] args) throws Exception {
        List<String> stores = args.length == 0 ? List.of("embedded", "postgres") : List.of(args);
        System.out.printf("max heap %s, %d cores%n", HeapMeter.mib(Runtime.getRuntime().maxMemory()),
                Runtime.getRuntime().availableProcessors());
        for (String store : stores) {
            TestDatabase.Kind kind = TestDatabase.Kind.valueOf(store.toUpperCase(java.util.Locale.ROOT));
            Path dataDir = Files.createTempDirectory("pivot-bench-");
            try (TestDatabase database = TestDatabase.create(kind);
                 RunningServer server = RunningServer.start(database, dataDir,
                         Map.of("SYNC_TIMEOUT", "PT10M", "SYNC_MAX_BYTES", "0"))) {
                System.out.printf("%n== %s%n", store);
                new PivotBench(server).run();
            } finally {
                deleteTree(dataDir);
            }
        }
    }

    private void run() throws Exception {
        ingest();
        exportInProcess("1 h x 8 signals x 1 kHz, aligned", request(List.of("bench"), null));
        ingestMultiRate();
        exportInProcess("1 h multi-rate (10 kHz, 1 kHz, 100 Hz, 1 Hz, irregular) on the 10 kHz grid",
                request(List.of("multi"), null));
        exportOverHttp("1 h x 8 signals x 1 kHz, aligned, inline over HTTP", "{\"time_range\": {\"start\": \"" + T0
                + "\", \"duration\": \"PT1H\"}, \"channels\": [\"bench\"], \"execution\": \"sync\"}");
        exportAsJob("over 2 GB as a job: 1 h x 8 signals on a 10 kHz grid (linear fill), downloaded",
                "{\"time_range\": {\"start\": \"" + T0 + "\", \"duration\": \"PT1H\"}, \"channels\": [\"bench\"], "
                        + "\"interval\": \"PT0.0001S\", \"execution\": \"async\"}");
    }

    private void ingest() {
        for (int s = 0; s < SIGNALS; s++) {
            server.json("PUT", "/api/v1/channels/bench/signals/s" + s, "{\"unit\": \"V\", \"sample_rate_hz\": 1000.0}");
        }
        Random random = new Random(1);
        HeapMeter.reset();
        long sending = 0;
        for (int s = 0; s < SIGNALS; s++) {
            byte[] body = float64Body((int) (SECONDS * RATE_HZ), random);
            long started = System.nanoTime();
            HttpResponse<byte[]> response = server.send("POST", "/api/v1/channels/bench/signals/s" + s
                    + "/samples?start=" + T0, "application/octet-stream", body);
            sending += System.nanoTime() - started;
            check(response, 200);
        }
        double seconds = sending / 1e9;
        long samples = (long) SIGNALS * SECONDS * (long) RATE_HZ;
        System.out.printf("ingest, binary bodies of 3.6 M samples: %,d samples in %.2f s = %,.0f samples/s; peak heap %s%n",
                samples, seconds, samples / seconds, HeapMeter.mib(HeapMeter.peakBytes()));
    }

    private void ingestMultiRate() {
        double[] rates = {10_000, 1000, 100, 1};
        Random random = new Random(2);
        long samples = 0;
        long sending = 0;
        for (int i = 0; i < rates.length; i++) {
            server.json("PUT", "/api/v1/channels/multi/signals/r" + i,
                    "{\"unit\": \"V\", \"sample_rate_hz\": " + rates[i] + "}");
            int total = (int) (SECONDS * rates[i]);
            int perBody = 4_000_000;
            for (int from = 0; from < total; from += perBody) {
                int n = Math.min(perBody, total - from);
                String start = com.speeddata.pivot.time.Timestamps.format(T0_NS + Math.round(from * 1e9 / rates[i]));
                byte[] body = float64Body(n, random);
                long started = System.nanoTime();
                check(server.send("POST", "/api/v1/channels/multi/signals/r" + i + "/samples?start=" + start,
                        "application/octet-stream", body), 200);
                sending += System.nanoTime() - started;
                samples += n;
            }
        }
        server.json("PUT", "/api/v1/channels/multi/signals/irregular", "{\"unit\": \"V\", \"sample_rate_hz\": null}");
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        long t = T0_NS;
        for (int i = 0; t < T0_NS + SECONDS * 1_000_000_000L; i++) {
            csv.append(t).append(',').append(random.nextGaussian()).append('\n');
            t += 50_000_000L + random.nextInt(100_000_000);
            samples++;
        }
        byte[] body = csv.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        long started = System.nanoTime();
        check(server.send("POST", "/api/v1/channels/multi/signals/irregular/samples", "text/csv", body), 200);
        double seconds = (sending + System.nanoTime() - started) / 1e9;
        System.out.printf("ingest, multi-rate set: %,d samples in %.2f s = %,.0f samples/s%n",
                samples, seconds, samples / seconds);
    }

    private ExportRequest request(List<String> channels, Long intervalNs) {
        return new ExportRequest(new TimeRangeSpec.StartDuration(T0_NS, SECONDS * 1_000_000_000L), channels, Map.of(),
                Execution.SYNC, Format.HDF5, Layout.ALIGNED, intervalNs, FillSpec.DEFAULT, Aggregate.MEAN);
    }

    private void exportInProcess(String what, ExportRequest request) throws IOException {
        PreparedExport prepared = application.exportPivot().prepare(request);
        Path file = Files.createTempFile("bench-", ".h5");
        Files.delete(file);
        HeapMeter.reset();
        long started = System.nanoTime();
        application.exportPivot().write(prepared.plan(), file, ProgressListener.NONE);
        double seconds = (System.nanoTime() - started) / 1e9;
        long bytes = Files.size(file);
        System.out.printf("export, %s: %,d bytes in %.2f s = %.0f MB/s (estimate %,d); peak heap %s%n", what, bytes,
                seconds, bytes / 1e6 / seconds, prepared.estimate().bytes(), HeapMeter.mib(HeapMeter.peakBytes()));
        Files.delete(file);
    }

    private void exportOverHttp(String what, String body) throws Exception {
        HeapMeter.reset();
        long started = System.nanoTime();
        HttpResponse<Path> response = client.send(post("/api/v1/pivot/export", body),
                HttpResponse.BodyHandlers.ofFile(Files.createTempFile("bench-http-", ".h5")));
        double seconds = (System.nanoTime() - started) / 1e9;
        check(response.statusCode(), 200, response.body());
        long bytes = Files.size(response.body());
        System.out.printf("export, %s: %,d bytes in %.2f s = %.0f MB/s; peak heap %s%n", what, bytes, seconds,
                bytes / 1e6 / seconds, HeapMeter.mib(HeapMeter.peakBytes()));
        Files.delete(response.body());
    }

    private void exportAsJob(String what, String body) throws Exception {
        HeapMeter.reset();
        long started = System.nanoTime();
        HttpResponse<String> accepted = client.send(post("/api/v1/pivot/export", body),
                HttpResponse.BodyHandlers.ofString());
        check(accepted.statusCode(), 202, accepted.body());
        JsonNode job = RunningServer.JSON.readTree(accepted.body());
        String poll = job.get("poll_url").asText();
        JsonNode status;
        do {
            Thread.sleep(250);
            status = RunningServer.body(server.get(poll));
        } while (!status.get("status").asText().equals("completed") && !status.get("status").asText().equals("failed"));
        double written = (System.nanoTime() - started) / 1e9;
        if (!status.get("status").asText().equals("completed")) {
            throw new IllegalStateException("job failed: " + status);
        }
        Path file = Files.createTempFile("bench-job-", ".h5");
        HttpResponse<Path> download = client.send(HttpRequest.newBuilder(URI.create(server.base() + poll + "/download"))
                .build(), HttpResponse.BodyHandlers.ofFile(file));
        check(download.statusCode(), 200, file);
        double seconds = (System.nanoTime() - started) / 1e9;
        long bytes = Files.size(file);
        System.out.printf("export, %s: %,d bytes; written in %.2f s (%.0f MB/s), downloaded by %.2f s "
                        + "(%.0f MB/s end to end); estimated completion was %s after submit; peak heap %s%n", what, bytes,
                written, bytes / 1e6 / written, seconds, bytes / 1e6 / seconds,
                Duration.between(java.time.Instant.parse(status.get("created_at").asText()),
                        java.time.Instant.parse(job.get("estimated_completion").asText())).toMillis() / 1000.0 + " s",
                HeapMeter.mib(HeapMeter.peakBytes()));
        Files.delete(file);
    }

    private HttpRequest post(String path, String json) {
        return HttpRequest.newBuilder(URI.create(server.base() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static byte[] float64Body(int n, Random random) {
        ByteBuffer buffer = ByteBuffer.allocate(n * 8).order(ByteOrder.LITTLE_ENDIAN);
        double value = 0;
        for (int i = 0; i < n; i++) {
            value += random.nextGaussian() * 0.01;
            buffer.putDouble(value);
        }
        return buffer.array();
    }

    private static void check(HttpResponse<byte[]> response, int status) {
        check(response.statusCode(), status, new String(response.body()));
    }

    private static void check(int actual, int expected, Object body) {
        if (actual != expected) {
            throw new IllegalStateException("HTTP " + actual + ": " + body);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
