package com.speeddata.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.speeddata.http.RequestFingerprint;
import com.speeddata.jobs.JobId;
import com.speeddata.jobs.NewJob;
import com.speeddata.jobs.access.Caller;
import com.speeddata.pivot.export.PreparedExport;
import com.speeddata.pivot.time.Timestamps;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Turns an export request into a job: the payload a worker anywhere can run, and the idempotency fingerprint. */
public final class ExportJobs {
    /** The job kind of a pivot export. */
    public static final String KIND = "pivot-export";

    static final int MAX_ATTEMPTS = 3;

    private ExportJobs() {}

    /**
     * @param idempotencyKey the caller's {@code Idempotency-Key}, or null: with one, the job id follows from the
     *                       owner and key, so a retried request finds the job it already made
     */
    static NewJob newJob(PreparedExport prepared, ObjectNode body, Caller caller, String idempotencyKey) {
        String owner = caller.tenant();
        String requestHash = RequestFingerprint.of(owner, body);
        JobId id = idempotencyKey == null
                ? JobId.random()
                : new JobId(UUID.nameUUIDFromBytes((owner + "\n" + idempotencyKey).getBytes(StandardCharsets.UTF_8)));
        return new NewJob(
                id,
                KIND,
                owner,
                requestHash,
                payload(prepared, body),
                MAX_ATTEMPTS,
                caller.tier().jobQuota());
    }

    /**
     * The request as the job runs it: relative time ranges ({@code last_hour}) fixed to what they meant at
     * submission, so that a retry an hour later exports the same data.
     */
    private static String payload(PreparedExport prepared, ObjectNode body) {
        ObjectNode payload = body.deepCopy();
        ObjectNode range = payload.putObject("time_range");
        range.put("start", Timestamps.format(prepared.plan().range().startNs()));
        range.put("end", Timestamps.format(prepared.plan().range().endNs()));
        payload.put("execution", "async");
        return payload.toString();
    }
}
