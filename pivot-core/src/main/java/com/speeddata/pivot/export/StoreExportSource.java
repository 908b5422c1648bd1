package com.speeddata.pivot.export;

import com.speeddata.pivot.sample.SampleCursor;
import com.speeddata.pivot.sample.SampleStore;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link ExportSource} that reads the plan's range from a {@link SampleStore} and keeps the receipt of each
 * aligned column read to its end, in a concurrent map: two columns may end on two threads at once.
 */
public final class StoreExportSource implements ExportSource {
    private final ExportPlan plan;
    private final SampleStore store;
    private final Map<ExportColumn, SignalReceipt> receipts = new ConcurrentHashMap<>();

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
    public AlignedCells alignedColumn(ExportColumn column) {
        return new AlignedColumn(
                store,
                column,
                plan.range(),
                plan.intervalNs(),
                plan.gridRows(),
                receipt -> receipts.put(column, receipt));
    }

    /** The receipts of the aligned columns read to their end, in plan order; empty for the raw layout. */
    public List<SignalReceipt> receipts() {
        return plan.columns().stream()
                .filter(receipts::containsKey)
                .map(receipts::get)
                .toList();
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
