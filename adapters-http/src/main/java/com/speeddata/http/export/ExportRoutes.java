package com.speeddata.http.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.speeddata.export.ExportOrder;
import com.speeddata.export.ExportOutcome;
import com.speeddata.export.ExportRequestReader;
import com.speeddata.export.ExportService;
import com.speeddata.http.Callers;
import com.speeddata.http.ControlCharacters;
import com.speeddata.http.FileTransfer;
import com.speeddata.http.JsonBodies;
import com.speeddata.http.JsonResponses;
import com.speeddata.http.access.AccessSettings;
import com.speeddata.http.access.CallLimits;
import com.speeddata.http.jobs.JobViews;
import com.speeddata.http.problem.ProblemException;
import com.speeddata.jobs.Job;
import com.speeddata.pivot.export.PreparedExport;
import com.speeddata.pivot.time.Timestamps;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/pivot/export} and {@code /estimate}: reads the request and its headers, asks the
 * {@link ExportService} (which decides inline or job), and writes its answer: a streamed body, a file, or a 202.
 */
public final class ExportRoutes {
    private static final Logger log = LoggerFactory.getLogger(ExportRoutes.class);
    private static final DateTimeFormatter FILE_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);

    private final ExportService exports;
    private final AccessSettings access;
    private final CallLimits limits;
    private final Clock clock;

    public ExportRoutes(ExportService exports, AccessSettings access, CallLimits limits, Clock clock) {
        this.exports = exports;
        this.access = access;
        this.limits = limits;
        this.clock = clock;
    }

    public void register(Javalin app) {
        app.post("/api/v1/pivot/export", this::export);
        app.post("/api/v1/pivot/estimate", this::estimate);
    }

    private void estimate(Context ctx) {
        limits.estimate(ctx);
        PreparedExport prepared =
                exports.estimate(Callers.owner(ctx), ExportRequestReader.read(JsonBodies.readObject(ctx)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("estimated_bytes", prepared.estimate().bytes());
        body.put("rows", prepared.estimate().rows());
        body.put("columns", prepared.estimate().columns());
        body.put("route", exports.plannedRoute(prepared).wireName());
        body.put("max_bytes", exports.settings().exportMaxBytes());
        JsonResponses.send(ctx, body);
    }

    private void export(Context ctx) throws IOException {
        limits.export(ctx);
        ObjectNode body = JsonBodies.readObject(ctx);
        PreparedExport prepared = exports.prepare(Callers.owner(ctx), ExportRequestReader.read(body));
        Prefer prefer = Prefer.parse(ctx.header("Prefer"));
        ExportOutcome outcome = exports.export(new ExportOrder(
                prepared, body, Callers.caller(ctx), idempotencyKey(ctx), prefer.respondAsync(), prefer.waitFor()));
        if (outcome instanceof ExportOutcome.Inline.Streamed streamed) {
            stream(ctx, streamed);
        } else if (outcome instanceof ExportOutcome.Inline.File file) {
            send(ctx, file);
        } else if (outcome instanceof ExportOutcome.Queued queued) {
            accepted(ctx, queued);
        }
    }

    /**
     * Streams the export into the response: no temporary file, the first bytes leave as soon as they are
     * written. A failure before anything was sent is answered as any other (a problem); after that the
     * connection is aborted, so the client sees a cut transfer, never a short file that looks whole.
     */
    private void stream(Context ctx, ExportOutcome.Inline.Streamed streamed) throws IOException {
        try (streamed) {
            fileHeaders(ctx, streamed.prepared());
            try {
                ResponseChannel out = new ResponseChannel(ctx.res().getOutputStream());
                streamed.writeTo(out);
                out.flush();
            } catch (IOException | RuntimeException | Error failure) {
                if (!ctx.res().isCommitted()) {
                    // Nothing was sent: drop the file's bytes and header, keep the others (RateLimit, ...), and
                    // let the failure be answered as a problem.
                    ctx.res().resetBuffer();
                    ctx.res().setHeader("Content-Disposition", null);
                    throw failure;
                }
                abort(ctx, failure);
            }
        }
    }

    private static void abort(Context ctx, Throwable failure) {
        if (failure instanceof IOException) {
            log.info("streamed export ended early: {}", failure.toString()); // most often the client went away
        } else {
            log.warn("streamed export failed after its first bytes; connection aborted", failure);
        }
        Request.getBaseRequest(ctx.req()).getHttpChannel().abort(failure);
    }

    private void fileHeaders(Context ctx, PreparedExport prepared) {
        ctx.status(200);
        ctx.contentType(prepared.plan().format().contentType());
        ctx.header(
                "Content-Disposition",
                "attachment; filename=\"export_" + FILE_STAMP.format(clock.instant()) + "."
                        + prepared.plan().format().extension() + "\"");
    }

    /** Sends a written export; closing the answer deletes the file and gives back its inline permit. */
    private void send(Context ctx, ExportOutcome.Inline.File file) throws IOException {
        try (file) {
            fileHeaders(ctx, file.prepared());
            ctx.header("Content-Length", Long.toString(file.size()));
            try (OutputStream out = ctx.res().getOutputStream()) {
                FileTransfer.send(file.path(), 0, file.size(), out);
            }
        }
    }

    private void accepted(Context ctx, ExportOutcome.Queued queued) {
        Job job = queued.job();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("job_id", job.id().toString());
        body.put("status", job.status().wireName());
        body.put("estimated_completion", Timestamps.format(queued.estimatedCompletion()));
        body.put("poll_url", JobViews.pollUrl(job));
        body.put("websocket_url", access.websocketUrl(JobViews.pollUrl(job) + "/stream"));
        ctx.status(202);
        ctx.header("Location", JobViews.pollUrl(job));
        ctx.header(
                "Retry-After",
                Long.toString(Math.max(1, Math.min(30, queued.expectedWait().toSeconds() / 4))));
        JsonResponses.send(ctx, body);
    }

    private static String idempotencyKey(Context ctx) {
        String key = ctx.header("Idempotency-Key");
        if (key != null && (key.isBlank() || key.length() > 255)) {
            throw ProblemException.badRequest("INVALID_IDEMPOTENCY_KEY", "Idempotency-Key must be 1 to 255 characters");
        }
        String problem = key == null ? null : ControlCharacters.problem(key);
        if (problem != null) {
            throw ProblemException.badRequest("INVALID_IDEMPOTENCY_KEY", "Idempotency-Key " + problem);
        }
        return key;
    }
}
