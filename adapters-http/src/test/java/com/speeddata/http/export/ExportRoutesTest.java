package com.speeddata.http.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.speeddata.export.ExportFixture;
import com.speeddata.export.ExportOutcome;
import com.speeddata.export.ExportSettings;
import com.speeddata.export.GatedSink;
import com.speeddata.http.Json;
import com.speeddata.http.RouteServer;
import com.speeddata.http.access.CallLimits;
import com.speeddata.http.access.TenantRateLimit;
import com.speeddata.jobs.access.InMemoryRateLimits;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.LongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/v1/pivot/export} over the export service with in-memory stores: each of the service's answers
 * and refusals as the client sees it.
 */
class ExportRoutesTest {
    private static final long GIGABYTE = 1L << 30;

    @TempDir
    Path dir;

    private ExportFixture fixture;
    private RouteServer server;

    private void start(LongFunction<ExportSettings> settings) {
        Clock clock = Clock.systemUTC();
        fixture = new ExportFixture(dir, settings);
        CallLimits limits = new CallLimits(new TenantRateLimit(new InMemoryRateLimits(), clock), null);
        server = RouteServer.start(
                access -> List.of(new ExportRoutes(fixture.service, access, limits, clock)::register));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void a_small_auto_export_is_streamed_as_the_response_body() throws IOException {
        start(estimate -> ExportFixture.settings(GIGABYTE, 4, GIGABYTE));
        HttpResponse<byte[]> response = export("auto", null);
        assertEquals(200, response.statusCode());
        assertEquals(
                "text/csv",
                response.headers().firstValue("Content-Type").orElseThrow().split(";")[0]);
        assertTrue(response.headers()
                .firstValue("Content-Disposition")
                .orElseThrow()
                .startsWith("attachment;"));
        assertArrayEquals(GatedSink.contents(fixture.prepare("auto").plan()), response.body());
    }

    @Test
    void an_export_written_to_a_file_first_is_sent_with_its_length() throws IOException {
        start(estimate -> ExportFixture.settings(GIGABYTE, 4, GIGABYTE));
        fixture.slowMeter();
        HttpResponse<byte[]> response = export("sync", null);
        assertEquals(200, response.statusCode());
        byte[] expected = GatedSink.contents(fixture.prepare("sync").plan());
        assertEquals(
                Long.toString(expected.length),
                response.headers().firstValue("Content-Length").orElseThrow());
        assertArrayEquals(expected, response.body());
    }

    @Test
    void a_large_auto_export_is_answered_202_with_its_job() throws IOException {
        start(estimate -> ExportFixture.settings(estimate - 1, 4, GIGABYTE));
        HttpResponse<byte[]> response = export("auto", null);
        assertEquals(202, response.statusCode());
        JsonNode body = json(response);
        assertEquals("queued", body.get("status").asText());
        assertEquals(
                "/api/v1/pivot/jobs/" + body.get("job_id").asText(),
                response.headers().firstValue("Location").orElseThrow());
        assertTrue(body.hasNonNull("estimated_completion"));
        assertTrue(response.headers().firstValue("Retry-After").isPresent());
        assertEquals(1, fixture.engine.queued());
    }

    @Test
    void prefer_respond_async_makes_a_small_auto_export_a_job() throws IOException {
        start(estimate -> ExportFixture.settings(GIGABYTE, 4, GIGABYTE));
        assertEquals(202, export("auto", "respond-async").statusCode());
    }

    @Test
    void a_sync_export_over_the_inline_bytes_bound_is_413_with_the_async_suggestion() throws IOException {
        start(estimate -> ExportFixture.settings(GIGABYTE, 4, estimate - 1));
        HttpResponse<byte[]> response = export("sync", null);
        JsonNode problem = assertProblem(response, 413, "SYNC_EXPORT_TOO_LARGE");
        assertEquals("async", problem.get("suggestion").get("execution").asText());
    }

    @Test
    void while_inline_exports_are_at_their_bound_sync_is_503_and_auto_becomes_a_job() throws IOException {
        start(estimate -> ExportFixture.settings(GIGABYTE, 1, GIGABYTE));
        try (ExportOutcome.Inline holder = (ExportOutcome.Inline) fixture.service.export(fixture.order("auto"))) {
            HttpResponse<byte[]> busy = export("sync", null);
            assertProblem(busy, 503, "EXPORTS_BUSY");
            assertEquals("2", busy.headers().firstValue("Retry-After").orElseThrow());
            assertEquals(202, export("auto", null).statusCode());
        }
        assertEquals(200, export("sync", null).statusCode(), "the bound is free again");
    }

    @Test
    void a_sync_export_past_the_timeout_is_408() throws IOException {
        start(estimate -> ExportFixture.settings(GIGABYTE, Duration.ofMillis(100), 4, GIGABYTE));
        fixture.slowMeter();
        fixture.sink.hold();
        assertProblem(export("sync", null), 408, "SYNC_TIMEOUT");
    }

    private HttpResponse<byte[]> export(String execution, String prefer) {
        HttpRequest.Builder request = RouteServer.json(
                server.request("/api/v1/pivot/export"),
                "POST",
                ExportFixture.body(execution).toString());
        if (prefer != null) {
            request.header("Prefer", prefer);
        }
        return server.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode assertProblem(HttpResponse<byte[]> response, int status, String code) {
        return RouteServer.assertProblem(
                response.statusCode(),
                response.headers(),
                new String(response.body(), StandardCharsets.UTF_8),
                status,
                code);
    }

    private static JsonNode json(HttpResponse<byte[]> response) throws IOException {
        return Json.MAPPER.readTree(response.body());
    }
}
