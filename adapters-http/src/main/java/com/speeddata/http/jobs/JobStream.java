package com.speeddata.http.jobs;

import com.speeddata.http.Callers;
import com.speeddata.http.Json;
import com.speeddata.jobs.Job;
import com.speeddata.jobs.JobEngine;
import com.speeddata.jobs.JobId;
import com.speeddata.jobs.access.Caller;
import io.javalin.Javalin;
import io.javalin.websocket.WsContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ws://…/api/v1/pivot/jobs/{job_id}/stream}: the current state first, progress as it rises, then one
 * final message. It reads the shared job table, so it follows a job whatever instance runs it.
 */
public final class JobStream implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JobStream.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final JobEngine engine;
    private final Predicate<Caller> stillAuthorized;
    private final Map<WsContext, Watch> watches = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "job-stream");
        thread.setDaemon(true);
        return thread;
    });

    /** @param stillAuthorized false once the caller's key is revoked or expired: its open streams are closed */
    public JobStream(JobEngine engine, Predicate<Caller> stillAuthorized) {
        this.engine = engine;
        this.stillAuthorized = stillAuthorized;
        poller.scheduleWithFixedDelay(this::pollAll, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The id is a {@code <job_id>} parameter, which may span slashes: Javalin matches the upgrade request on its raw
     * path ({@code a%2Fb}) but the opened socket on its decoded one ({@code a/b}). With a {@code {job_id}} that then
     * matched no route, and Javalin closed the socket with 1011; now such an id is a job that does not exist (4404).
     */
    public static final String PATH = "/api/v1/pivot/jobs/<job_id>/stream";

    public void register(Javalin app) {
        app.ws(PATH, ws -> {
            ws.onConnect(this::connect);
            ws.onClose(ctx -> watches.remove(ctx));
            ws.onError(ctx -> watches.remove(ctx));
        });
    }

    private void connect(WsContext ctx) {
        ctx.session.setIdleTimeout(Duration.ofHours(1));
        Optional<Job> job;
        try {
            job = Optional.of(PivotJobRoutes.readableJob(engine, ctx.pathParam("job_id"), Callers.caller(ctx)));
        } catch (RuntimeException e) {
            job = Optional.empty();
        }
        if (job.isEmpty()) {
            send(
                    ctx,
                    Map.of(
                            "type",
                            "error",
                            "error",
                            Map.of("code", "JOB_NOT_FOUND", "message", "no job " + ctx.pathParam("job_id"))));
            ctx.closeSession(4404, "job not found");
            return;
        }
        Map<String, Object> state = new LinkedHashMap<>(JobViews.pivotJob(job.get()));
        state.put("type", "state");
        send(ctx, state);
        Watch watch = new Watch(job.get().id(), Callers.caller(ctx));
        watches.put(ctx, watch);
        watch.update(ctx, job.get());
    }

    private void pollAll() {
        for (Map.Entry<WsContext, Watch> entry : watches.entrySet()) {
            try {
                if (!stillAuthorized.test(entry.getValue().caller)) {
                    watches.remove(entry.getKey());
                    send(
                            entry.getKey(),
                            Map.of(
                                    "type",
                                    "error",
                                    "error",
                                    Map.of(
                                            "code",
                                            "UNAUTHENTICATED",
                                            "message",
                                            "the key of this stream was revoked or expired")));
                    entry.getKey().closeSession(4401, "key no longer valid");
                    continue;
                }
                engine.find(entry.getValue().id)
                        .ifPresent(job -> entry.getValue().update(entry.getKey(), job));
            } catch (RuntimeException e) {
                log.warn("job stream poll failed: {}", e.toString());
            }
        }
    }

    private void send(WsContext ctx, Map<String, Object> message) {
        try {
            ctx.send(Json.MAPPER.writeValueAsString(message));
        } catch (Exception e) {
            watches.remove(ctx);
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }

    /** What one socket has been told, so it hears only news. */
    private final class Watch {
        private final JobId id;
        private final Caller caller;
        private int lastPercent = -1;
        private String lastMessage = "";

        Watch(JobId id, Caller caller) {
            this.id = id;
            this.caller = caller;
        }

        synchronized void update(WsContext ctx, Job job) {
            if (!watches.containsKey(ctx)) {
                return;
            }
            switch (job.status()) {
                case COMPLETED -> finish(ctx, Map.of("type", "complete", "download_url", JobViews.downloadUrl(job)));
                case FAILED ->
                    finish(
                            ctx,
                            Map.of(
                                    "type",
                                    "failed",
                                    "error",
                                    job.error() == null
                                            ? Map.of()
                                            : Map.of(
                                                    "code",
                                                    job.error().code(),
                                                    "message",
                                                    job.error().message())));
                case CANCELLED -> finish(ctx, Map.of("type", "cancelled"));
                case EXPIRED -> finish(ctx, Map.of("type", "expired"));
                case QUEUED, RUNNING -> {
                    int percent = job.progress().percent();
                    if (percent > lastPercent || !job.progress().message().equals(lastMessage)) {
                        lastPercent = Math.max(lastPercent, percent);
                        lastMessage = job.progress().message();
                        send(
                                ctx,
                                Map.of(
                                        "type",
                                        "progress",
                                        "percent",
                                        lastPercent,
                                        "message",
                                        lastMessage,
                                        "status",
                                        job.status().wireName()));
                    }
                }
            }
        }

        private void finish(WsContext ctx, Map<String, Object> message) {
            watches.remove(ctx);
            send(ctx, message);
            ctx.closeSession(1000, "done");
        }
    }
}
