package com.speeddata.pivot.export;

import java.util.Objects;

/** A planned export with its size estimate: enough to route it and, later, to run it. */
public record PreparedExport(ExportRequest request, ExportPlan plan, SizeEstimate estimate) {
    public PreparedExport {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(estimate, "estimate");
    }

    /** Inline or as a job: forced by {@code sync}/{@code async}, by size for {@code auto}. */
    public ExportRoute route(long syncMaxBytes) {
        return switch (request.execution()) {
            case SYNC -> ExportRoute.SYNC;
            case ASYNC -> ExportRoute.ASYNC;
            case AUTO -> estimate.bytes() <= syncMaxBytes ? ExportRoute.SYNC : ExportRoute.ASYNC;
        };
    }
}
