package com.speeddata.storage.export;

import com.speeddata.pivot.catalog.SignalDefinition;
import com.speeddata.pivot.catalog.SignalInfo;
import com.speeddata.pivot.catalog.SignalKey;
import com.speeddata.pivot.catalog.SignalStats;
import com.speeddata.pivot.export.Aggregate;
import com.speeddata.pivot.export.ExportColumn;
import com.speeddata.pivot.export.ExportPlan;
import com.speeddata.pivot.export.Fill;
import com.speeddata.pivot.export.Format;
import com.speeddata.pivot.export.Layout;
import com.speeddata.pivot.time.TimeRange;
import java.util.List;

/** Export plans for sink tests, built directly: no catalog, no request parsing. */
final class Plans {
    /** 2025-01-23T14:00:00Z. */
    static final long START = 1_737_640_800_000_000_000L;

    private Plans() {}

    static ExportColumn column(
            String channel, String signal, String unit, Double rateHz, Fill fill, Aggregate aggregate) {
        SignalDefinition definition = new SignalDefinition(new SignalKey(channel, signal), unit, rateHz, "");
        return new ExportColumn(new SignalInfo(definition, SignalStats.EMPTY), fill, aggregate);
    }

    static ExportColumn column(String channel, String signal) {
        return column(channel, signal, "V", 1000.0, Fill.LINEAR, Aggregate.MEAN);
    }

    static ExportPlan aligned(Format format, long rows, long intervalNs, ExportColumn... columns) {
        return new ExportPlan(
                new TimeRange(START, START + rows * intervalNs), Layout.ALIGNED, format, intervalNs, List.of(columns));
    }

    static ExportPlan raw(Format format, long durationNs, ExportColumn... columns) {
        return new ExportPlan(new TimeRange(START, START + durationNs), Layout.RAW, format, 0, List.of(columns));
    }
}
