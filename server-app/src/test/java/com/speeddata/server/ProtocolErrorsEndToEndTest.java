package com.speeddata.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests broken at the HTTP level (request line, headers, path, method, body framing, pace) get problem+json with a
 * stable code, never Jetty's HTML page, an empty 500 or a stack trace. Protocol handling is the same on both stores,
 * so this runs on the embedded one.
 */
class ProtocolErrorsEndToEndTest {
    private static TestDatabase database;
    private static RunningServer server;
    private static int port;

    @TempDir
    static Path dataDir;

    @BeforeAll
    static void start() {
        database = TestDatabase.create(TestDatabase.Kind.EMBEDDED);
        server = RunningServer.start(database, dataDir, Map.of());
        port = server.application().port();
        assertEquals(
                201,
                server.json("PUT", "/api/v1/channels/c/signals/s", "{\"unit\": \"V\", \"sample_rate_hz\": 10}")
                        .statusCode());
    }

    @AfterAll
    static void stop() {
        server.close();
        database.close();
    }

    private static final String CLOSE = "Host: localhost\r\nConnection: close\r\n\r\n";

    static Stream<Arguments> unparseable() {
        return Stream.of(
                Arguments.of("request line without a target", "GARBAGE\r\n\r\n", 400, "MALFORMED_REQUEST"),
                Arguments.of(
                        "space in a header name",
                        "GET /health HTTP/1.1\r\nBad Header: x\r\n" + CLOSE,
                        400,
                        "MALFORMED_REQUEST"),
                Arguments.of("illegal method character", "G@T /health HTTP/1.1\r\n" + CLOSE, 400, "MALFORMED_REQUEST"),
                Arguments.of("no Host", "GET /health HTTP/1.1\r\nConnection: close\r\n\r\n", 400, "MALFORMED_REQUEST"),
                Arguments.of(
                        "two Host headers", "GET /health HTTP/1.1\r\nHost: a\r\n" + CLOSE, 400, "MALFORMED_REQUEST"),
                Arguments.of(
                        "Content-Length and chunked",
                        "POST /v1/score HTTP/1.1\r\nContent-Length: 3\r\n" + "Transfer-Encoding: chunked\r\n" + CLOSE,
                        400,
                        "MALFORMED_REQUEST"),
                Arguments.of(
                        "bad Content-Length",
                        "POST /v1/score HTTP/1.1\r\nContent-Length: abc\r\n" + CLOSE,
                        400,
                        "MALFORMED_REQUEST"),
                Arguments.of("dot-dot encoded", "GET /%2e%2e/ HTTP/1.1\r\n" + CLOSE, 400, "MALFORMED_REQUEST"),
                Arguments.of("above the root", "GET /a/../.. HTTP/1.1\r\n" + CLOSE, 400, "MALFORMED_REQUEST"),
                Arguments.of(
                        "encoded NUL in the path",
                        "GET /api/v1/channels/a%00b/signals/x HTTP/1.1\r\n" + CLOSE,
                        400,
                        "MALFORMED_REQUEST"),
                Arguments.of(
                        "unknown expectation",
                        "POST /v1/score HTTP/1.1\r\nExpect: 200-ok\r\n" + "Content-Length: 2\r\n" + CLOSE,
                        417,
                        "EXPECTATION_FAILED"),
                Arguments.of("HTTP/2 request line", "GET /health HTTP/2.0\r\n" + CLOSE, 426, "UPGRADE_REQUIRED"),
                Arguments.of(
                        "HTTP/3 request line", "GET /health HTTP/3.0\r\n" + CLOSE, 505, "HTTP_VERSION_NOT_SUPPORTED"),
                Arguments.of("HTTP/0.9", "GET /health\r\n\r\n", 505, "HTTP_VERSION_NOT_SUPPORTED"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unparseable")
    void a_request_jetty_cannot_parse_gets_problem_json_with_a_stable_code(
            String name, String request, int status, String code) {
        assertProblem(RawHttp.send(port, request), status, code);
    }

    @Test
    void an_oversized_uri_or_header_gets_problem_json() {
        assertProblem(RawHttp.send(port, "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\n" + CLOSE), 414, "URI_TOO_LONG");
        assertProblem(
                RawHttp.send(port, "GET /health HTTP/1.1\r\nX-A: " + "a".repeat(20_000) + "\r\n" + CLOSE),
                431,
                "HEADERS_TOO_LARGE");
    }

    @Test
    void a_wrong_method_on_an_existing_path_gets_405_with_the_paths_methods_in_allow() {
        RawHttp.Answer patch = RawHttp.send(port, "PATCH /api/v1/channels HTTP/1.1\r\n" + CLOSE);
        assertProblem(patch, 405, "METHOD_NOT_ALLOWED");
        assertEquals("GET, HEAD", patch.header("Allow"));
        RawHttp.Answer get = RawHttp.send(port, "GET /api/v1/channels/c/signals/s HTTP/1.1\r\n" + CLOSE);
        assertProblem(get, 405, "METHOD_NOT_ALLOWED");
        assertTrue(get.header("Allow").startsWith("PUT"), get.head());
        assertFalse(get.header("Allow").contains("GET"), get.head());
        RawHttp.Answer delete = RawHttp.send(port, "DELETE /api/v1/pivot/jobs/x/download HTTP/1.1\r\n" + CLOSE);
        assertEquals("GET, HEAD", delete.header("Allow"), "HEAD has its own route here, listed once");
        assertProblem(RawHttp.send(port, "GET /no/such/path HTTP/1.1\r\n" + CLOSE), 404, "NOT_FOUND");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "/api/v1/channels/c/signals/s/samples, application/json",
        "/api/v1/channels/c/signals/s/samples, text/csv",
        "/api/v1/channels/c/signals/s/samples?start=2025-01-01T00:00:00Z, application/octet-stream",
        "/api/v1/channels/c/signals/s, application/json",
        "/v1/score, application/json",
        "/v1/events, application/json",
        "/api/v1/pivot/export, application/json",
    })
    void broken_chunk_framing_gets_400_whatever_route_reads_the_body(String path, String type) {
        String method = path.endsWith("/s") ? "PUT" : "POST";
        String head = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + type
                + "\r\nTransfer-Encoding: chunked\r\n\r\n";
        for (String chunks : new String[] {
            "ZZ\r\n{}\r\n0\r\n\r\n",
            "5\r\n{\"sta\r\nQQ\r\n0\r\n\r\n",
            "2\r\n{}XX0\r\n\r\n",
            "FFFFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n"
        }) {
            assertProblem(RawHttp.send(port, head + chunks), 400, "MALFORMED_BODY");
        }
    }

    @ParameterizedTest
    @CsvSource({
        "/api/v1/channels/c/signals/s/samples, {\"start\": \"2025-01-01T00:00:00Z\", \"values\": [1, 2",
        "/v1/score, {\"headlines\": [\"a\""
    })
    void a_body_cut_off_before_its_content_length_gets_400(String path, String body) {
        byte[] request = ("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 1000\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);
        assertProblem(RawHttp.send(port, request, true), 400, "MALFORMED_BODY");
    }

    @Test
    void a_body_trickling_in_under_the_minimum_rate_gets_408_within_seconds() throws IOException, InterruptedException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream()
                    .write(("POST /v1/score HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                                    + "application/json\r\nContent-Length: 100000\r\n\r\n{")
                            .getBytes(StandardCharsets.US_ASCII));
            long started = System.nanoTime();
            for (int i = 0; i < 3 && socket.getInputStream().available() == 0; i++) {
                Thread.sleep(1500);
                socket.getOutputStream().write(' ');
            }
            RawHttp.Answer answer = RawHttp.parse(RawHttp.readAnswer(socket.getInputStream()));
            assertProblem(answer, 408, "REQUEST_TIMEOUT");
            assertEquals(
                    1024,
                    TestHttp.JSON
                            .readTree(answer.body())
                            .at("/suggestion/min_bytes_per_second")
                            .asInt());
            assertTrue(System.nanoTime() - started < 10_000_000_000L, "refused at the rate check, not the timeout");
        }
    }

    @Test
    void nothing_jetty_answers_names_the_server_or_its_version() {
        RawHttp.Answer answer = RawHttp.send(port, "GARBAGE\r\n\r\n");
        assertNull(answer.header("Server"));
        assertFalse(answer.body().toLowerCase(java.util.Locale.ROOT).contains("jetty"), answer.body());
    }

    static void assertProblem(RawHttp.Answer answer, int status, String code) {
        assertEquals(status, answer.status(), answer.head() + "\n" + answer.body());
        assertEquals("application/problem+json", answer.header("Content-Type"), answer.head());
        try {
            JsonNode problem = TestHttp.JSON.readTree(answer.body());
            assertEquals(code, problem.path("code").asText(), answer.body());
            assertEquals(status, problem.path("status").asInt(), answer.body());
            assertFalse(answer.body().contains("Exception") || answer.body().contains("at org."), answer.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + answer.body(), e);
        }
    }
}
