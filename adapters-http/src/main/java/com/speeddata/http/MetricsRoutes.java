package com.speeddata.http;

import com.speeddata.jobs.JobEngine;
import com.speeddata.jobs.JobStatus;
import com.speeddata.pivot.export.ExportPivot;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** {@code GET /metrics} in the Prometheus text format: jobs, HTTP responses, export throughput, heap. */
public final class MetricsRoutes {
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final JobEngine engine;
    private final ExportPivot pivot;
    private final LongAdder[] responsesByClass = new LongAdder[6];

    public MetricsRoutes(JobEngine engine, ExportPivot pivot) {
        this.engine = engine;
        this.pivot = pivot;
        for (int i = 0; i < responsesByClass.length; i++) {
            responsesByClass[i] = new LongAdder();
        }
    }

    public void register(Javalin app) {
        app.after(ctx -> responsesByClass[Math.min(5, ctx.statusCode() / 100)].increment());
        app.get("/metrics", this::metrics);
    }

    private void metrics(Context ctx) {
        com.speeddata.http.access.Authentication.requireOperator(ctx);
        StringBuilder out = new StringBuilder();
        help(out, "speeddata_jobs", "gauge", "Jobs in the shared job table, by status.");
        Map<JobStatus, Long> jobs = engine.countByStatus();
        for (JobStatus status : JobStatus.values()) {
            out.append("speeddata_jobs{status=\"")
                    .append(status.wireName())
                    .append("\"} ")
                    .append(jobs.getOrDefault(status, 0L))
                    .append('\n');
        }
        help(out, "speeddata_http_responses_total", "counter", "HTTP responses of this instance, by status class.");
        for (int i = 1; i < responsesByClass.length; i++) {
            out.append("speeddata_http_responses_total{code=\"")
                    .append(i)
                    .append("xx\"} ")
                    .append(responsesByClass[i].sum())
                    .append('\n');
        }
        help(
                out,
                "speeddata_export_throughput_bytes_per_second",
                "gauge",
                "Export throughput measured on this instance (moving average), used for completion estimates.");
        out.append("speeddata_export_throughput_bytes_per_second ")
                .append((long) pivot.throughput().bytesPerSecond())
                .append('\n');
        help(out, "jvm_memory_heap_used_bytes", "gauge", "Heap in use.");
        out.append("jvm_memory_heap_used_bytes ")
                .append(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed())
                .append('\n');
        ctx.contentType(CONTENT_TYPE).result(out.toString());
    }

    private static void help(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ")
                .append(name)
                .append(' ')
                .append(help)
                .append('\n')
                .append("# TYPE ")
                .append(name)
                .append(' ')
                .append(type)
                .append('\n');
    }
}
