package com.speeddata.http.scoring;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.speeddata.http.Callers;
import com.speeddata.http.Json;
import com.speeddata.http.JsonBodies;
import com.speeddata.http.JsonFields;
import com.speeddata.http.JsonResponses;
import com.speeddata.http.RequestFingerprint;
import com.speeddata.http.jobs.JobViews;
import com.speeddata.http.jobs.ResultDownload;
import com.speeddata.jobs.Job;
import com.speeddata.jobs.JobEngine;
import com.speeddata.jobs.JobId;
import com.speeddata.jobs.JobIdConflictException;
import com.speeddata.jobs.JobNotFoundException;
import com.speeddata.jobs.NewJob;
import com.speeddata.jobs.ResultStore;
import com.speeddata.scoring.events.StoredScore;
import com.speeddata.scoring.model.Model;
import com.speeddata.scoring.usecase.BatchItems;
import com.speeddata.scoring.usecase.RescoreEvents;
import com.speeddata.scoring.usecase.Rescored;
import com.speeddata.scoring.usecase.ScoreBatch;
import com.speeddata.scoring.usecase.ScoreHeadlines;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Batch scoring jobs with caller-chosen ids, and synchronous rescoring with a (new) model. Every route works on the
 * caller's own things ({@link Callers#owner}): a batch id is the caller's, unique per owner ({@link BatchJobIds}),
 * and another owner's batch or event answers as one that does not exist.
 */
public final class BatchRoutes {
    private static final String BATCH_PATH = "/v1/score/batch/";
    private static final int MAX_ATTEMPTS = 3;

    private final JobEngine engine;
    private final ResultStore results;
    private final ScoreHeadlines scorer;
    private final RescoreEvents rescorer;
    private final ScoreBatch batches;
    private final Clock clock;

    public BatchRoutes(
            JobEngine engine,
            ResultStore results,
            ScoreHeadlines scorer,
            RescoreEvents rescorer,
            ScoreBatch batches,
            Clock clock) {
        this.engine = engine;
        this.results = results;
        this.scorer = scorer;
        this.rescorer = rescorer;
        this.batches = batches;
        this.clock = clock;
    }

    public void register(Javalin app) {
        app.post("/v1/score/batch", this::submit);
        app.get("/v1/score/batch/{job_id}", this::status);
        app.get("/v1/score/batch/{job_id}/results", this::results);
        app.post("/v1/score/rescore", this::rescore);
    }

    /** Same job_id and body again: the same job, nothing queued; same job_id, other body: 409. */
    private void submit(Context ctx) {
        ObjectNode body = JsonBodies.readObject(ctx, JsonBodies.MAX_ITEMS_BODY_BYTES);
        JsonFields fields = new JsonFields(body, "");
        Set<String> known = new HashSet<>(ScoreBatchHandler.ITEM_FIELDS);
        known.add("job_id");
        known.addAll(ModelFields.NAMES);
        fields.rejectUnknown(known);
        String idText = fields.string("job_id");
        Optional<JobId> id = JobId.parse(idText);
        if (id.isEmpty()) {
            fields.error(
                    "job_id",
                    "is required: a UUID you choose, so that retrying the request never makes a "
                            + "second job, e.g. 3f2b8c1e-4d5a-4c1b-9a7e-2f1d0c9b8a76");
        }
        String owner = Callers.owner(ctx);
        int mostEvents = Callers.caller(ctx).tier().eventsPerBatch();
        BatchItems items = BatchRequest.items(fields, owner, ScoreBatchHandler.ITEM_FIELDS, mostEvents);
        ModelFields named = ModelFields.read(fields);
        fields.throwIfInvalid();
        Model model = named.resolve(scorer);
        // Counted for a new batch only: a repeat of an accepted one answers with its job, whatever came in since.
        if (items instanceof BatchItems.Selection
                && Callers.caller(ctx).limited()
                && engine.find(owner, BatchJobIds.stored(owner, id.get())).isEmpty()) {
            long covered = batches.total(model, items);
            if (covered > mostEvents) {
                fields.error(
                        "selection",
                        "covers " + covered + " events, and a batch of this key's tier covers at " + "most "
                                + mostEvents + "; narrow it (by ticker or publication time) and send several");
                fields.throwIfInvalid();
            }
        }
        JobId callerId = id.get();
        Job job;
        try {
            job = engine.submit(new NewJob(
                            BatchJobIds.stored(owner, callerId),
                            ScoreBatchHandler.KIND,
                            owner,
                            RequestFingerprint.of(owner, body),
                            BatchRequest.payload(body, model.sha()),
                            MAX_ATTEMPTS,
                            Callers.caller(ctx).tier().jobQuota()))
                    .job();
        } catch (JobIdConflictException e) {
            JobIdConflictException shown = new JobIdConflictException(callerId);
            shown.initCause(e);
            throw shown;
        }
        String poll = BATCH_PATH + callerId;
        ctx.status(202).header("Location", poll).header("Retry-After", "1");
        JsonResponses.send(
                ctx,
                Map.of("job_id", callerId.toString(), "status", job.status().wireName(), "poll_url", poll));
    }

    /** The caller's batch of the path's job_id; anything else (another owner's, another kind, no job) is 404. */
    private Job visible(Context ctx) {
        String text = ctx.pathParam("job_id");
        String owner = Callers.owner(ctx);
        return JobId.parse(text)
                .map(id -> BatchJobIds.stored(owner, id))
                .flatMap(id -> engine.find(owner, id))
                .filter(job -> job.kind().equals(ScoreBatchHandler.KIND))
                .orElseThrow(() -> new JobNotFoundException(text));
    }

    /** The batch's id as its caller chose it (the path's, in canonical form). */
    private static String callerId(Context ctx) {
        return JobId.parse(ctx.pathParam("job_id")).orElseThrow().toString();
    }

    private void status(Context ctx) throws IOException {
        Job job = visible(ctx);
        String id = callerId(ctx);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("job_id", id);
        view.put("status", job.status().wireName());
        view.put(
                "model_sha",
                Json.MAPPER.readTree(job.payload()).get("model_sha").asText());
        view.put("total", job.progress().total());
        view.put("scored", job.progress().done());
        view.put("failed", job.progress().failed());
        view.put("created_at", ScoringJson.format(job.createdAt()));
        view.put("finished_at", ScoringJson.format(job.finishedAt()));
        view.put(
                "results_url",
                job.status() == com.speeddata.jobs.JobStatus.COMPLETED ? BATCH_PATH + id + "/results" : null);
        view.put("error", JobViews.error(job));
        if (!job.status().isDone()) {
            ctx.header("Retry-After", "1");
        }
        JsonResponses.send(ctx, view);
    }

    private void results(Context ctx) throws IOException {
        Job job = visible(ctx);
        String id = callerId(ctx);
        ResultDownload.send(ctx, job, id, results, clock, "scores_" + id + ".json");
    }

    private void rescore(Context ctx) {
        JsonFields fields = new JsonFields(JsonBodies.readObject(ctx, JsonBodies.MAX_ITEMS_BODY_BYTES), "");
        fields.rejectUnknown(Set.of("model_sha", "model", "event_ids", "selection"));
        ModelFields named = ModelFields.read(fields);
        if (named.isEmpty() && !fields.has("model_sha") && !fields.has("model")) {
            fields.error(
                    "model_sha",
                    "is required, or model (its name): the model to rescore with (GET /v1/models " + "lists them)");
        }
        String owner = Callers.owner(ctx);
        BatchItems items = BatchRequest.items(fields, owner, Set.of("event_ids", "selection"));
        fields.throwIfInvalid();
        Model model = named.resolve(scorer);
        List<Rescored> rescored = items instanceof BatchItems.EventIds ids
                ? rescorer.rescore(owner, model, ids.ids())
                : rescorer.rescore(model, ((BatchItems.Selection) items).queryFor(model.sha()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model_sha", model.sha());
        body.put("rescored", rescored.size());
        body.put("results", rescored.stream().map(BatchRoutes::view).toList());
        body.put("changed", Rescored.changes(rescored).byName());
        JsonResponses.send(ctx, body);
    }

    private static Map<String, Object> view(Rescored rescored) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("event_id", rescored.eventId().toString());
        view.put("score", rescored.score().score());
        view.put("label", rescored.score().label().wireName());
        StoredScore previous = rescored.previous();
        view.put(
                "previous",
                previous == null
                        ? null
                        : Map.of(
                                "score",
                                previous.score(),
                                "label",
                                previous.label().wireName(),
                                "model_sha",
                                previous.modelSha()));
        return view;
    }
}
