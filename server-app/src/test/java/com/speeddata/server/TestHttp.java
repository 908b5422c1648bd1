package com.speeddata.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** A small HTTP client for tests, bound to one server's base URL. */
class TestHttp {
    static final ObjectMapper JSON = new ObjectMapper();

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private final String base;
    private final Map<String, String> headers;

    TestHttp(String base) {
        this(base, Map.of());
    }

    private TestHttp(String base, Map<String, String> headers) {
        this.base = base;
        this.headers = Map.copyOf(headers);
    }

    /** The same server, with {@code Authorization: Bearer <key>} on every request. */
    TestHttp withKey(String key) {
        return withHeaders(Map.of("Authorization", "Bearer " + key));
    }

    /** The same server, with these headers on every request. */
    TestHttp withHeaders(Map<String, String> extra) {
        Map<String, String> all = new HashMap<>(headers);
        all.putAll(extra);
        return new TestHttp(base, all);
    }

    String base() {
        return base;
    }

    HttpResponse<byte[]> send(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        request.method(
                method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<byte[]> json(String method, String path, String json) {
        return send(method, path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<byte[]> get(String path) {
        return send("GET", path, null, null);
    }

    static JsonNode body(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + new String(response.body(), StandardCharsets.UTF_8), e);
        }
    }
}
