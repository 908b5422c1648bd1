package com.speeddata.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.speeddata.http.Json;
import com.speeddata.jobs.FlushingChannel;
import com.speeddata.jobs.HashingChannel;
import com.speeddata.jobs.Job;
import com.speeddata.jobs.JobContext;
import com.speeddata.jobs.JobFailure;
import com.speeddata.jobs.JobHandler;
import com.speeddata.jobs.JobResult;
import com.speeddata.jobs.ResultStore;
import com.speeddata.pivot.ExportTooLargeException;
import com.speeddata.pivot.InvalidRequestException;
import com.speeddata.pivot.UnknownNamesException;
import com.speeddata.pivot.export.ExportPivot;
import com.speeddata.pivot.export.PreparedExport;
import com.speeddata.pivot.export.SignalReceipt;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Runs queued pivot exports: reads the stored request, writes the file into the result store. */
public final class ExportJobHandler implements JobHandler {
    private final ExportPivot pivot;
    private final ResultStore results;

    public ExportJobHandler(ExportPivot pivot, ResultStore results) {
        this.pivot = pivot;
        this.results = results;
    }

    @Override
    public String kind() {
        return ExportJobs.KIND;
    }

    @Override
    public JobResult run(Job job, JobContext context) throws Exception {
        try {
            return export(job, context);
        } catch (InvalidRequestException | UnknownNamesException | ExportTooLargeException e) {
            // The catalog may have changed since submission; what no longer plans fails at once, without retries.
            throw new JobFailure(
                    e instanceof UnknownNamesException ? "UNKNOWN_SIGNAL" : "INVALID_REQUEST",
                    e.getMessage(),
                    false,
                    e);
        }
    }

    private JobResult export(Job job, JobContext context) throws Exception {
        JsonNode payload = Json.MAPPER.readTree(job.payload());
        PreparedExport prepared = pivot.prepare(job.owner(), ExportRequestReader.read((ObjectNode) payload));
        Path file = results.newFile(
                job.id(), job.attempts(), prepared.plan().format().extension());
        // No room: InsufficientStorageException, which the engine fails as DISK_FULL without a retry.
        try (ResultStore.Reservation room =
                results.reserve(file, prepared.estimate().bytes())) {
            context.progress(0, "starting");
            return write(job, context, prepared, file);
        }
    }

    /**
     * Writes the file front to back, hashing the bytes as they go (no second pass over the file for its SHA-256);
     * on any failure (a full disk among them) the partial file is deleted.
     */
    private JobResult write(Job job, JobContext context, PreparedExport prepared, Path file) throws Exception {
        try {
            List<SignalReceipt> receipts;
            JobResult result;
            try (HashingChannel out = new HashingChannel(new FlushingChannel(
                    FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)))) {
                receipts = pivot.write(
                        job.owner(),
                        prepared.plan(),
                        out,
                        (fraction, message) -> context.progress((int) Math.floor(fraction * 100), message));
                result = results.describe(file, prepared.plan().format().contentType(), out.bytes(), out.sha256());
            }
            return receipts.isEmpty() ? result : result.withSummary(ExportReceipts.summary(receipts));
        } catch (Exception | Error e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException | RuntimeException deleting) {
                e.addSuppressed(deleting); // the write's failure is the one to report
            }
            throw e;
        }
    }
}
