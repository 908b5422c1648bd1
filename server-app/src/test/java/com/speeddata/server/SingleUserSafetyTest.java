package com.speeddata.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Single-user mode is safe on a network by default, on both stores: it listens on loopback only, answers only
 * requests that name this machine (DNS rebinding), takes JSON only as {@code application/json} (no cross-site
 * form posts), and builds absolute URLs from {@code PUBLIC_URL}, never from the request.
 */
class SingleUserSafetyTest {
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
                    RunningServer.start(
                            database,
                            dataDir.resolve(kind.name()),
                            Map.of("PUBLIC_URL", "https://speeddata.example.org/base")));
        }
    }

    @AfterAll
    static void stop() {
        servers.values().forEach(RunningServer::close);
        databases.values().forEach(TestDatabase::close);
    }

    /** Sends a raw request, so that the Host header says whatever a hostile page's browser would send. */
    private static String rawStatusLine(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return response.substring(0, response.indexOf("\r\n"))
                    + (response.contains("HOST_NOT_ALLOWED") ? " HOST_NOT_ALLOWED" : "");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void a_page_that_rebinds_its_dns_name_to_loopback_is_refused(TestDatabase.Kind kind) throws IOException {
        int port = servers.get(kind).application().port();
        for (String host : new String[] {
            "evil.example:" + port, "127.0.0.1.nip.io", "localhost.evil.example", "speeddata.example.org.evil.example"
        }) {
            assertEquals(
                    "HTTP/1.1 421 Misdirected Request HOST_NOT_ALLOWED",
                    rawStatusLine(
                            port, "GET /api/v1/channels HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n"),
                    host);
        }
        for (String host : new String[] {
            "localhost:" + port,
            "127.0.0.1:" + port,
            "[::1]:" + port,
            "LOCALHOST",
            "speeddata.example.org",
            "app.localhost:" + port
        }) {
            assertEquals(
                    "HTTP/1.1 200 OK",
                    rawStatusLine(
                            port, "GET /api/v1/channels HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n"),
                    host);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void json_bodies_must_say_they_are_json(TestDatabase.Kind kind) {
        RunningServer server = servers.get(kind);
        byte[] body = "{\"unit\": \"V\", \"sample_rate_hz\": 10}".getBytes(StandardCharsets.UTF_8);
        for (String type :
                new String[] {null, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"
                }) {
            HttpResponse<byte[]> refused = server.send("PUT", "/api/v1/channels/c/signals/s", type, body);
            assertEquals(415, refused.statusCode(), String.valueOf(type));
            assertEquals(
                    "UNSUPPORTED_MEDIA_TYPE",
                    RunningServer.body(refused).get("code").asText());
            assertEquals(
                    415,
                    server.send("POST", "/v1/score", type, "{\"headlines\": [\"x\"]}".getBytes(StandardCharsets.UTF_8))
                            .statusCode());
        }
        assertEquals(
                404,
                server.get("/api/v1/pivot/jobs/00000000-0000-4000-8000-000000000000")
                        .statusCode(),
                "nothing was defined by the refused requests");
        assertEquals(
                201,
                server.send("PUT", "/api/v1/channels/c/signals/s", "application/json; charset=utf-8", body)
                        .statusCode());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void job_urls_come_from_public_url_not_from_the_host_header(TestDatabase.Kind kind) {
        RunningServer server = servers.get(kind);
        server.json("PUT", "/api/v1/channels/u/signals/s", "{\"unit\": \"V\", \"sample_rate_hz\": 10}");
        JsonNode job = RunningServer.body(
                server.json(
                        "POST",
                        "/api/v1/pivot/export",
                        "{\"time_range\": {\"start\": "
                                + "\"2025-01-23T14:00:00Z\", \"duration\": \"PT1S\"}, \"channels\": [\"u\"], \"execution\": \"async\"}"));
        assertTrue(
                job.get("websocket_url").asText().startsWith("wss://speeddata.example.org/base/api/v1/pivot/jobs/"),
                job.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"EMBEDDED"})
    void it_listens_on_loopback_only(TestDatabase.Kind kind) throws IOException {
        int port = servers.get(kind).application().port();
        Optional<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .filter(i -> !isLoopback(i))
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof java.net.Inet4Address)
                .findFirst();
        if (external.isEmpty()) {
            return; // a machine with loopback only: nothing else to connect from
        }
        try (Socket socket = new Socket()) {
            assertThrows(
                    IOException.class,
                    () -> socket.connect(new InetSocketAddress(external.get(), port), 2000),
                    "reachable on " + external.get());
        }
    }

    private static boolean isLoopback(NetworkInterface network) {
        try {
            return network.isLoopback() || !network.isUp();
        } catch (IOException e) {
            return true;
        }
    }
}
