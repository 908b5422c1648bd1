package com.speeddata.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.speeddata.jobs.access.Caller;
import com.speeddata.pivot.export.PreparedExport;
import java.time.Duration;
import java.util.Objects;

/**
 * One export as asked for: the prepared export, the request body it came from (a job stores it as its payload),
 * who asks, and the caller's wishes.
 *
 * @param idempotencyKey the caller's idempotency key, or null
 * @param respondAsync   the caller prefers a job to waiting ({@code auto} exports only)
 * @param waitFor        how long the caller will wait for an inline {@code auto} export, or null: the sync timeout
 */
public record ExportOrder(
        PreparedExport prepared,
        ObjectNode body,
        Caller caller,
        String idempotencyKey,
        boolean respondAsync,
        Duration waitFor) {
    public ExportOrder {
        Objects.requireNonNull(prepared, "prepared");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(caller, "caller");
    }
}
