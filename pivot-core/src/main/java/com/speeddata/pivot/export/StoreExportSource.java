package com.speeddata.pivot.export;

import com.speeddata.pivot.sample.SampleCursor;
import com.speeddata.pivot.sample.SampleStore;

import java.util.Objects;

/** An {@link ExportSource} that reads the plan's range from a {@link SampleStore}, one column at a time. */
public final class StoreExportSource implements ExportSource {
    private final ExportPlan plan;
    private final SampleStore store;

    public StoreExportSource(ExportPlan plan, SampleStore store) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public LongBlockSource gridTimes() {
        return new GridTimes(plan.range().startNs(), plan.intervalNs(), plan.gridRows());
    }

    /** Streams the column's cells; see {@link AlignedColumn} for aggregates and fills. */
    @Override
    public DoubleBlockSource alignedColumn(ExportColumn column) {
        return new AlignedColumn(store, column, plan.range(), plan.intervalNs(), plan.gridRows());
    }

    @Override
    public SampleCursor rawSamples(ExportColumn column) {
        return store.read(column.key(), plan.range().startNs(), plan.range().endNs());
    }

    @Override
    public long rawCount(ExportColumn column) {
        return store.count(column.key(), plan.range().startNs(), plan.range().endNs());
    }
}
