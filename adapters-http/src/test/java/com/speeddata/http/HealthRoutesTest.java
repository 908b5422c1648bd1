package com.speeddata.http;

import static com.speeddata.http.RouteServer.assertProblem;
import static com.speeddata.http.RouteServer.body;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /health}, {@code /ready}, and what a path or method with no route gets. */
class HealthRoutesTest {
    private final AtomicBoolean databaseReachable = new AtomicBoolean(true);
    private RouteServer server;

    @BeforeEach
    void start() {
        server = RouteServer.start(
                List.of(app -> app.get("/api/v1/thing", ctx -> ctx.result("thing"))), databaseReachable::get);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void health_answers_up_whether_or_not_the_database_is_reachable() {
        for (boolean reachable : new boolean[] {true, false}) {
            databaseReachable.set(reachable);
            HttpResponse<String> health = server.get("/health");
            assertEquals(200, health.statusCode());
            assertEquals("up", body(health).get("status").asText());
        }
    }

    @Test
    void ready_is_200_while_the_database_answers_and_503_with_retry_after_while_it_does_not() {
        HttpResponse<String> ready = server.get("/ready");
        assertEquals(200, ready.statusCode());
        assertEquals("ready", body(ready).get("status").asText());

        databaseReachable.set(false);
        HttpResponse<String> notReady = server.get("/ready");
        assertProblem(notReady, 503, "NOT_READY");
        assertEquals("5", notReady.headers().firstValue("Retry-After").orElseThrow());

        databaseReachable.set(true);
        assertEquals(200, server.get("/ready").statusCode(), "ready again once the database answers");
    }

    @Test
    void a_path_without_a_route_is_a_404_problem() {
        assertProblem(server.get("/api/v1/nothing-here"), 404, "NOT_FOUND");
    }

    @Test
    void a_method_the_path_has_no_route_for_is_405_with_the_allowed_methods() {
        HttpResponse<String> response = server.delete("/api/v1/thing");
        assertProblem(response, 405, "METHOD_NOT_ALLOWED");
        assertEquals("GET, HEAD", response.headers().firstValue("Allow").orElseThrow());
        HttpResponse<String> health = server.post("/health", "{}");
        assertProblem(health, 405, "METHOD_NOT_ALLOWED");
        assertEquals("GET, HEAD", health.headers().firstValue("Allow").orElseThrow());
    }
}
