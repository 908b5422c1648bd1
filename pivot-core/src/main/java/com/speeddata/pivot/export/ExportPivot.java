package com.speeddata.pivot.export;

import com.speeddata.pivot.ExportTooLargeException;
import com.speeddata.pivot.catalog.Catalog;
import com.speeddata.pivot.sample.SampleStore;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Use case: plan an export against the catalog, size it, and write its file. */
public final class ExportPivot {
    private final PlanExport planner;
    private final SampleStore samples;
    private final Map<Format, ExportSink> sinks = new EnumMap<>(Format.class);
    private final long exportMaxBytes;
    private final ThroughputMeter throughput = new ThroughputMeter();
    private final Clock clock;

    public ExportPivot(Catalog catalog, SampleStore samples, Clock clock, List<ExportSink> sinks, long exportMaxBytes) {
        this.planner = new PlanExport(catalog, clock);
        this.samples = samples;
        sinks.forEach(sink -> this.sinks.put(sink.format(), sink));
        this.exportMaxBytes = exportMaxBytes;
        this.clock = clock;
    }

    /** Validates and sizes the request without reading a sample. */
    public PreparedExport estimate(ExportRequest request) {
        ExportPlan plan = planner.plan(request);
        return new PreparedExport(request, plan, SizeEstimator.estimate(plan));
    }

    /** As {@link #estimate}, and refuses exports over the maximum size. */
    public PreparedExport prepare(ExportRequest request) {
        PreparedExport prepared = estimate(request);
        if (prepared.estimate().bytes() > exportMaxBytes) {
            throw new ExportTooLargeException(prepared.estimate().bytes(), exportMaxBytes);
        }
        return prepared;
    }

    /** Writes the file of a prepared export to {@code target}, which must not exist yet. */
    public void write(ExportPlan plan, Path target, ProgressListener progress) throws IOException {
        ExportSink sink = sinks.get(plan.format());
        if (sink == null) {
            throw new IllegalStateException("no sink for format " + plan.format());
        }
        long started = clock.millis();
        sink.write(plan, new StoreExportSource(plan, samples), target, progress);
        throughput.record(java.nio.file.Files.size(target), java.time.Duration.ofMillis(clock.millis() - started));
    }

    /** Throughput measured over this instance's finished exports, for completion estimates. */
    public ThroughputMeter throughput() {
        return throughput;
    }
}
