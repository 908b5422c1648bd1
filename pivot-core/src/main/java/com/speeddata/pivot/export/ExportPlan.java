package com.speeddata.pivot.export;

import com.speeddata.pivot.time.TimeRange;
import java.util.List;
import java.util.Objects;

/**
 * A validated export, resolved against the catalog and the clock: everything a sink needs to write the file.
 * {@code intervalNs} is the grid step of the aligned layout and 0 for the raw layout; {@code quality} asks for each
 * aligned signal's {@link CellQuality} flags beside its values.
 */
public record ExportPlan(
        TimeRange range, Layout layout, Format format, long intervalNs, List<ExportColumn> columns, boolean quality) {
    public ExportPlan {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(format, "format");
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("an export needs at least one signal");
        }
        if (layout == Layout.ALIGNED && intervalNs <= 0) {
            throw new IllegalArgumentException("an aligned export needs a positive interval, not " + intervalNs);
        }
        if (quality && layout != Layout.ALIGNED) {
            throw new IllegalArgumentException("quality flags need the aligned layout");
        }
    }

    /** A plan without quality flags. */
    public ExportPlan(TimeRange range, Layout layout, Format format, long intervalNs, List<ExportColumn> columns) {
        this(range, layout, format, intervalNs, columns, false);
    }

    /** Grid points {@code start + i * interval} inside {@code [start, end)}: the aligned layout's row count. */
    public long gridRows() {
        if (layout != Layout.ALIGNED) {
            throw new IllegalStateException("only the aligned layout has a grid");
        }
        long duration = range.durationNs();
        return duration / intervalNs + (duration % intervalNs == 0 ? 0 : 1);
    }

    /** Time of grid point {@code i}. */
    public long gridTime(long i) {
        return range.startNs() + i * intervalNs;
    }
}
