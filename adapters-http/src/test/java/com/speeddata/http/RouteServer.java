package com.speeddata.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.speeddata.http.access.AccessSettings;
import com.speeddata.http.access.Authentication;
import com.speeddata.http.problem.Problem;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The HTTP server with the routes under test on a free loopback port, in single-user mode, and a plain JDK client
 * that talks to it. Route tests assert what a client sees: statuses, headers and problem+json bodies.
 */
public final class RouteServer implements AutoCloseable {
    private final HttpClient client = HttpClient.newHttpClient();
    private final HttpServer server;

    private RouteServer(Function<AccessSettings, List<Consumer<Javalin>>> routes, BooleanSupplier readiness) {
        AccessSettings access = new AccessSettings(false, null, "127.0.0.1", this::port);
        Clock clock = Clock.systemUTC();
        server = new HttpServer(routes.apply(access), readiness, access, new Authentication(null, clock)).start(0);
    }

    public static RouteServer start(List<Consumer<Javalin>> routes) {
        return new RouteServer(access -> routes, () -> true);
    }

    public static RouteServer start(List<Consumer<Javalin>> routes, BooleanSupplier readiness) {
        return new RouteServer(access -> routes, readiness);
    }

    /** For routes that hand out absolute URLs, which they build from the server's access settings. */
    public static RouteServer start(Function<AccessSettings, List<Consumer<Javalin>>> routes) {
        return new RouteServer(routes, () -> true);
    }

    public int port() {
        return server.port();
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path));
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    public HttpResponse<String> delete(String path) {
        return send(request(path).DELETE());
    }

    public HttpResponse<String> post(String path, String json) {
        return send(json(request(path), "POST", json));
    }

    public HttpResponse<String> put(String path, String json) {
        return send(json(request(path), "PUT", json));
    }

    /** The request with a JSON body, as every JSON route wants it. */
    public static HttpRequest.Builder json(HttpRequest.Builder request, String method, String json) {
        return request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    public <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            return client.send(request.build(), body);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public static JsonNode body(HttpResponse<String> response) {
        return body(response.body());
    }

    public static JsonNode body(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(text, e);
        }
    }

    /** The answer is a problem+json of this status and code; returns its body. */
    public static JsonNode assertProblem(HttpResponse<String> response, int status, String code) {
        return assertProblem(response.statusCode(), response.headers(), response.body(), status, code);
    }

    public static JsonNode assertProblem(int actualStatus, HttpHeaders headers, String text, int status, String code) {
        assertEquals(status, actualStatus, text);
        assertEquals(
                Problem.CONTENT_TYPE,
                headers.firstValue("Content-Type").orElse("(none)").split(";")[0],
                text);
        JsonNode problem = body(text);
        assertEquals(code, problem.path("code").asText(), text);
        assertEquals(status, problem.path("status").asInt(), text);
        return problem;
    }

    /** The JSON pointers of a validation problem's {@code errors}, in order. */
    public static List<String> pointers(JsonNode problem) {
        List<String> pointers = new ArrayList<>();
        problem.path("errors").forEach(e -> pointers.add(e.path("pointer").asText()));
        return pointers;
    }

    @Override
    public void close() {
        server.close();
    }
}
