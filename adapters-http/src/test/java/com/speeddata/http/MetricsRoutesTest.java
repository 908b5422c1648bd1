package com.speeddata.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.jobs.InMemoryJobStore;
import com.speeddata.jobs.JobEngine;
import com.speeddata.jobs.JobId;
import com.speeddata.jobs.NewJob;
import com.speeddata.pivot.export.ExportPivot;
import com.speeddata.pivot.testing.InMemorySignalStores;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics}: Prometheus text with jobs by status and this instance's responses by status class. */
class MetricsRoutesTest {
    @TempDir
    Path dir;

    private final Clock clock = Clock.systemUTC();
    private final InMemoryJobStore jobs = new InMemoryJobStore();
    private JobEngine engine;
    private RouteServer server;

    @BeforeEach
    void start() {
        engine = TestEngines.engine(jobs, new DirectoryResults(dir), List.of(), clock);
        ExportPivot pivot = new ExportPivot(new InMemorySignalStores(), clock, List.of(), Long.MAX_VALUE);
        server = RouteServer.start(List.of(new MetricsRoutes(engine, pivot)::register));
    }

    @AfterEach
    void stop() {
        server.close();
        engine.close();
    }

    @Test
    void metrics_are_prometheus_text_with_jobs_by_status() {
        for (int i = 0; i < 2; i++) {
            jobs.submit(new NewJob(JobId.random(), "export", "local", "h", "{}", 1), clock.instant(), 100);
        }
        HttpResponse<String> response = server.get("/metrics");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(
                "text/plain; version=0.0.4; charset=utf-8",
                response.headers().firstValue("Content-Type").orElseThrow());
        List<String> lines = response.body().lines().toList();
        assertTrue(lines.contains("# TYPE speeddata_jobs gauge"), response.body());
        assertTrue(lines.contains("speeddata_jobs{status=\"queued\"} 2"), response.body());
        assertTrue(lines.contains("speeddata_jobs{status=\"running\"} 0"), response.body());
        assertTrue(lines.contains("speeddata_http_responses_total{code=\"2xx\"} 0"), "not counting itself yet");
    }

    @Test
    void each_response_is_counted_by_its_status_class() {
        server.get("/health");
        server.get("/nothing-here");
        server.get("/metrics");
        List<String> lines = server.get("/metrics").body().lines().toList();
        assertTrue(lines.contains("speeddata_http_responses_total{code=\"2xx\"} 2"), lines.toString());
        assertTrue(lines.contains("speeddata_http_responses_total{code=\"4xx\"} 1"), lines.toString());
        assertTrue(lines.contains("speeddata_http_responses_total{code=\"5xx\"} 0"), lines.toString());
    }
}
