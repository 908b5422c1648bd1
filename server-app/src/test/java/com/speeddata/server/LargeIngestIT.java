package com.speeddata.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bodies near the 64 MiB ingest limit against the packaged server with a 256 MiB heap: valid ones are stored
 * whole, ones with a line or token no sample needs are refused with a 400, and the process lives on. The bodies
 * are made as they are sent, never held by the test. Prints the ingest rate of the valid ones.
 */
class LargeIngestIT {
    private static final long MIB = 1 << 20;
    private static final String CHANNELS = "/api/v1/channels";
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static Path dir;
    private static ServerProcess server;
    private static TestHttp http;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("large-ingest-");
        server = ServerProcess.start(
                Map.of("DATA_DIR", dir.resolve("data").toString()), dir.resolve("server.log"), "256m");
        http = new TestHttp(server.base());
        define("regular", "1000.0");
        define("irregular", "null");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        TempTree.delete(dir);
    }

    @Test
    void sixty_mib_of_json_values_are_stored_whole() throws Exception {
        // "1.5," is four bytes: 15.7 million samples, 126 MB as doubles, more than half the heap.
        long count = (60 * MIB - 64) / 4;
        HttpResponse<String> response = post(
                "regular",
                "application/json",
                () -> Body.array(
                        "{\"start\": \"2025-01-23T14:00:00Z\", \"values\": [", count, i -> i % 10 + ".5", "]}"));
        assertStored(response, "regular", count);
    }

    @Test
    void sixty_mib_of_json_timestamps_and_values_are_stored_whole() throws Exception {
        // Short integer timestamps before their values: the timestamps wait in a spool while the values stream.
        long count = 6_350_000;
        HttpResponse<String> response = post(
                "irregular",
                "application/json",
                () -> new Body(
                        "{\"timestamps\": [",
                        2 * count,
                        i -> (i == 0 || i == count ? "" : ",")
                                + (i < count ? Long.toString(i) : "1")
                                + (i == count - 1 ? "], \"values\": [" : ""),
                        "]}"));
        assertStored(response, "irregular", count);
    }

    @Test
    void a_csv_line_of_sixty_four_mib_is_refused() throws Exception {
        HttpResponse<String> response =
                post("irregular", "text/csv", () -> new Body("timestamp,value\n", 64 * MIB - 16, i -> "1", ""));
        assertProblem(response, 400, "LINE_TOO_LONG", "/line/2");
    }

    @Test
    void a_json_string_of_sixty_mib_is_refused() throws Exception {
        HttpResponse<String> response = post(
                "irregular",
                "application/json",
                () -> new Body("{\"timestamps\": [\"", 60 * MIB, i -> "2", "\"], \"values\": [1]}"));
        assertProblem(response, 400, "TOKEN_TOO_LONG", "/timestamps/0");
    }

    private static void define(String signal, String rate) {
        HttpResponse<byte[]> defined = http.json(
                "PUT", CHANNELS + "/big/signals/" + signal, "{\"unit\": \"V\", \"sample_rate_hz\": " + rate + "}");
        assertEquals(201, defined.statusCode());
    }

    private static HttpResponse<String> post(String signal, String contentType, Supplier<Body> body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(server.base() + CHANNELS + "/big/signals/" + signal + "/samples"))
                .header("Content-Type", contentType)
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofInputStream(body::get))
                .build();
        long started = System.nanoTime();
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - started) / 1e9;
        if (response.statusCode() == 200) {
            long accepted =
                    TestHttp.JSON.readTree(response.body()).get("accepted").asLong();
            System.out.printf(
                    "LargeIngestIT %s %s: %.1f s, %.1f MiB/s, %.2f million samples/s%n",
                    signal, contentType, seconds, 60 / seconds, accepted / seconds / 1e6);
        }
        assertTrue(server.isAlive(), "the server died:\n" + server.log());
        assertEquals(200, http.get("/health").statusCode(), "the server answers after the request");
        return response;
    }

    private static void assertStored(HttpResponse<String> response, String signal, long count) throws IOException {
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(
                count, TestHttp.JSON.readTree(response.body()).get("accepted").asLong());
        JsonNode channels = TestHttp.body(http.get(CHANNELS));
        for (JsonNode channel : channels.get("channels")) {
            for (JsonNode stored : channel.get("signals")) {
                if (stored.get("name").asText().equals(signal)) {
                    assertEquals(count, stored.get("samples").asLong(), "every sample of the body is stored");
                }
            }
        }
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code, String pointer)
            throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(
                "application/problem+json",
                response.headers().firstValue("Content-Type").orElse(""));
        JsonNode problem = TestHttp.JSON.readTree(response.body());
        assertEquals(code, problem.get("code").asText());
        assertEquals(pointer, problem.get("errors").get(0).get("pointer").asText());
    }

    /** A body made as it is read: head, element i for i in [0, count), tail. */
    private static final class Body extends InputStream {
        private final LongFunction<String> element;
        private final long count;
        private final byte[] tail;
        private byte[] current;
        private int position;
        private long next;
        private boolean tailSent;

        Body(String head, long count, LongFunction<String> element, String tail) {
            this.element = element;
            this.count = count;
            this.tail = tail.getBytes(StandardCharsets.US_ASCII);
            this.current = head.getBytes(StandardCharsets.US_ASCII);
        }

        static Body array(String head, long count, LongFunction<String> element, String tail) {
            return new Body(head, count, i -> (i == 0 ? "" : ",") + element.apply(i), tail);
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            int n = 0;
            while (n < length && (position < current.length || advance())) {
                int k = Math.min(length - n, current.length - position);
                System.arraycopy(current, position, into, offset + n, k);
                position += k;
                n += k;
            }
            return n == 0 && length > 0 ? -1 : n;
        }

        private boolean advance() {
            position = 0;
            if (next < count) {
                current = element.apply(next++).getBytes(StandardCharsets.US_ASCII);
            } else if (!tailSent) {
                tailSent = true;
                current = tail;
            } else {
                current = new byte[0];
                return false;
            }
            return true;
        }
    }
}
