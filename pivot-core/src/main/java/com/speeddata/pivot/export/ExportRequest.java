package com.speeddata.pivot.export;

import com.speeddata.pivot.time.TimeRangeSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An export as the caller asked for it, before the catalog is consulted. Absent choices take the contract's
 * defaults here; {@code intervalNs} stays null when not given, because its default depends on the signals.
 *
 * @param signals selection per channel; a listed channel missing from the map takes all its signals
 */
public record ExportRequest(
        TimeRangeSpec timeRange,
        List<String> channels,
        Map<String, SignalSelection> signals,
        Execution execution,
        Format format,
        Layout layout,
        Long intervalNs,
        FillSpec fill,
        Aggregate aggregate,
        MaxGapSpec maxGap,
        boolean quality) {

    public ExportRequest {
        Objects.requireNonNull(timeRange, "timeRange");
        channels = List.copyOf(channels);
        signals = signals == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(signals));
        execution = execution == null ? Execution.AUTO : execution;
        format = format == null ? Format.HDF5 : format;
        layout = layout == null ? Layout.ALIGNED : layout;
        fill = fill == null ? FillSpec.DEFAULT : fill;
        aggregate = aggregate == null ? Aggregate.MEAN : aggregate;
        maxGap = maxGap == null ? MaxGapSpec.DEFAULT : maxGap;
        if (intervalNs != null && intervalNs <= 0) {
            throw new IllegalArgumentException("interval must be positive, not " + intervalNs + " ns");
        }
    }

    /** A request with the default {@code max_gap} and without quality flags. */
    public ExportRequest(
            TimeRangeSpec timeRange,
            List<String> channels,
            Map<String, SignalSelection> signals,
            Execution execution,
            Format format,
            Layout layout,
            Long intervalNs,
            FillSpec fill,
            Aggregate aggregate) {
        this(timeRange, channels, signals, execution, format, layout, intervalNs, fill, aggregate, null, false);
    }
}
