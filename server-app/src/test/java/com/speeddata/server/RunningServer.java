package com.speeddata.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** A real server on a free port, over the embedded store or PostgreSQL, and a small HTTP client for it. */
final class RunningServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final Application application;
    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;

    private RunningServer(Application application) {
        this.application = application;
        this.base = "http://localhost:" + application.port();
    }

    static RunningServer start(TestDatabase database, Path dataDir, Map<String, String> env) {
        Map<String, String> settings = new java.util.HashMap<>(env);
        settings.put("PORT", "0");
        settings.put("DATA_DIR", dataDir.toString());
        if (database.url() != null) {
            settings.put("DATABASE_URL", database.url());
        }
        return new RunningServer(Application.start(ServerConfig.fromEnvironment(settings), Clock.systemUTC()));
    }

    Application application() {
        return application;
    }

    String base() {
        return base;
    }

    HttpResponse<byte[]> send(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<byte[]> json(String method, String path, String json) {
        return send(method, path, "application/json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    HttpResponse<byte[]> get(String path) {
        return send("GET", path, null, null);
    }

    static JsonNode body(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + new String(response.body()), e);
        }
    }

    @Override
    public void close() {
        application.close();
    }
}
