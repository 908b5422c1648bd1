package com.speeddata.http.scoring;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.speeddata.http.Json;
import com.speeddata.http.JsonFields;
import com.speeddata.jobs.Job;
import com.speeddata.jobs.JobContext;
import com.speeddata.jobs.JobFailure;
import com.speeddata.jobs.JobHandler;
import com.speeddata.jobs.JobResult;
import com.speeddata.jobs.Progress;
import com.speeddata.jobs.ResultStore;
import com.speeddata.scoring.model.Model;
import com.speeddata.scoring.model.ModelRegistry;
import com.speeddata.scoring.usecase.BatchItems;
import com.speeddata.scoring.usecase.BatchResult;
import com.speeddata.scoring.usecase.ScoreBatch;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** Runs scoring batches: scores page by page, saves event scores, writes every result to a JSON file. */
public final class ScoreBatchHandler implements JobHandler {
    public static final String KIND = "score-batch";
    static final Set<String> ITEM_FIELDS = Set.of("event_ids", "selection", "headlines");

    private final ScoreBatch batch;
    private final ModelRegistry models;
    private final ResultStore results;

    public ScoreBatchHandler(ScoreBatch batch, ModelRegistry models, ResultStore results) {
        this.batch = batch;
        this.models = models;
        this.results = results;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public JobResult run(Job job, JobContext context) throws Exception {
        ObjectNode payload = (ObjectNode) Json.MAPPER.readTree(job.payload());
        String sha = payload.get("model_sha").asText();
        Model model = models.find(sha)
                .orElseThrow(
                        () -> new JobFailure("UNKNOWN_MODEL", "model " + sha + " is no longer loaded", false, null));
        JsonFields fields = new JsonFields(payload, "");
        BatchItems items = BatchRequest.items(fields, job.owner(), ITEM_FIELDS);
        fields.throwIfInvalid();
        if (items instanceof BatchItems.Selection selection) {
            // The set is fixed when the batch was accepted: every attempt covers the same events (contract).
            items = selection.asOf(job.createdAt());
        }
        Path file = results.newFile(job.id(), job.attempts(), "json");
        try (OutputStream out = Files.newOutputStream(file);
                JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out)) {
            json.writeStartObject();
            // The caller's job_id (its body is the payload), not the id the job is stored under (BatchJobIds).
            json.writeStringField(
                    "job_id", payload.path("job_id").asText(job.id().toString()));
            json.writeStringField("model_sha", model.sha());
            json.writeArrayFieldStart("results");
            batch.run(
                    job.owner(),
                    model,
                    items,
                    page -> write(json, page),
                    (done, failed, total) -> context.progress(Progress.ofItems(done, failed, total, "scoring")));
            json.writeEndArray();
            json.writeEndObject();
        } catch (Exception e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return results.describe(file, "application/json");
    }

    private static void write(JsonGenerator json, java.util.List<BatchResult> page) throws java.io.IOException {
        for (BatchResult result : page) {
            json.writeStartObject();
            json.writeStringField("id", result.id());
            json.writeNumberField("score", result.score());
            json.writeStringField("label", result.label().wireName());
            json.writeEndObject();
        }
    }
}
