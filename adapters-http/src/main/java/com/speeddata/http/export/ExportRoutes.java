package com.speeddata.http.export;

import com.speeddata.http.JsonBodies;
import com.speeddata.http.problem.Problem;
import com.speeddata.http.problem.ProblemException;
import com.speeddata.pivot.export.ExportPivot;
import com.speeddata.pivot.export.ExportRoute;
import com.speeddata.pivot.export.ExportPlan;
import com.speeddata.pivot.export.PreparedExport;
import com.speeddata.pivot.export.ProgressListener;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** {@code POST /api/v1/pivot/export} and {@code POST /api/v1/pivot/estimate}. */
public final class ExportRoutes {
    private static final DateTimeFormatter FILE_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);

    private final ExportPivot pivot;
    private final ExportSettings settings;
    private final Clock clock;

    public ExportRoutes(ExportPivot pivot, ExportSettings settings, Clock clock) {
        this.pivot = pivot;
        this.settings = settings;
        this.clock = clock;
    }

    public void register(Javalin app) {
        app.post("/api/v1/pivot/export", this::export);
        app.post("/api/v1/pivot/estimate", this::estimate);
    }

    private void estimate(Context ctx) {
        PreparedExport prepared = pivot.estimate(ExportRequestReader.read(JsonBodies.readObject(ctx)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("estimated_bytes", prepared.estimate().bytes());
        body.put("rows", prepared.estimate().rows());
        body.put("columns", prepared.estimate().columns());
        body.put("route", prepared.route(settings.syncMaxBytes()).wireName());
        ctx.json(body);
    }

    private void export(Context ctx) throws IOException {
        PreparedExport prepared = pivot.prepare(ExportRequestReader.read(JsonBodies.readObject(ctx)));
        if (prepared.route(settings.syncMaxBytes()) == ExportRoute.ASYNC) {
            throw new ProblemException(Problem.of(503, "ASYNC_UNAVAILABLE", "Jobs not available",
                    "this export (estimated " + prepared.estimate().bytes() + " bytes) needs a job, and this server "
                            + "does not run export jobs yet; narrow the request or use execution=sync"),
                    Map.of("Retry-After", "60"));
        }
        sendInline(ctx, prepared.plan());
    }

    private void sendInline(Context ctx, ExportPlan plan) throws IOException {
        Files.createDirectories(settings.scratchDir());
        Path file = settings.scratchDir().resolve("inline-" + UUID.randomUUID() + "." + plan.format().extension());
        try {
            writeBefore(plan, file, clock.millis() + settings.syncTimeout().toMillis());
            ctx.status(200);
            ctx.contentType(plan.format().contentType());
            ctx.header("Content-Disposition", "attachment; filename=\"export_"
                    + FILE_STAMP.format(clock.instant()) + "." + plan.format().extension() + "\"");
            ctx.header("Content-Length", Long.toString(Files.size(file)));
            try (OutputStream out = ctx.res().getOutputStream()) {
                Files.copy(file, out);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private void writeBefore(ExportPlan plan, Path file, long deadlineMillis) throws IOException {
        ProgressListener deadline = (fraction, message) -> {
            if (clock.millis() > deadlineMillis) {
                throw new SyncTimeoutException();
            }
        };
        try {
            pivot.write(plan, file, deadline);
        } catch (SyncTimeoutException e) {
            throw new ProblemException(Problem.of(408, "SYNC_TIMEOUT", "Inline export timed out",
                    "the export ran past the sync timeout of " + settings.syncTimeout() + "; ask for it as a job")
                    .withSuggestion(Map.of("execution", "async")));
        }
    }
}
