package com.speeddata.pivot.export;

import com.speeddata.pivot.catalog.SignalDefinition;
import com.speeddata.pivot.catalog.SignalInfo;
import com.speeddata.pivot.catalog.SignalKey;
import com.speeddata.pivot.sample.SampleBlock;
import com.speeddata.pivot.testing.InMemoryStore;
import com.speeddata.pivot.time.TimeRange;
import java.util.Arrays;
import java.util.List;

/** Builds stores, plans and reads columns for the export tests. */
final class Fixtures {
    static final long MS = 1_000_000L;
    static final long SECOND = 1_000_000_000L;

    private Fixtures() {}

    static SignalKey key(String path) {
        String[] parts = path.split("/");
        return new SignalKey(parts[0], parts[1]);
    }

    static void define(InMemoryStore store, String path, Double rateHz) {
        store.define(new SignalDefinition(key(path), "V", rateHz, ""));
    }

    static void write(InMemoryStore store, String path, long[] times, double[] values) {
        store.write(key(path), List.of(new SampleBlock(times, values)).iterator());
    }

    /** A regular signal's samples {@code start + i * period} with the given values. */
    static void writeRegular(InMemoryStore store, String path, long startNs, long periodNs, double... values) {
        long[] times = new long[values.length];
        for (int i = 0; i < times.length; i++) {
            times[i] = startNs + i * periodNs;
        }
        write(store, path, times, values.clone());
    }

    static SignalInfo info(InMemoryStore store, String path) {
        return store.find(key(path)).orElseThrow();
    }

    /**
     * A column without a gap limit ({@code max_gap} of 2^63 - 1 ns), for the tests that pin the fill and aggregate
     * rules themselves; {@link AlignedCellsPropertyTest} and {@link AlignedMaxGapTest} cover the limit.
     */
    static ExportColumn column(InMemoryStore store, String path, Fill fill, Aggregate aggregate) {
        return new ExportColumn(info(store, path), fill, aggregate, Long.MAX_VALUE);
    }

    static ExportPlan aligned(long startNs, long endNs, long intervalNs, ExportColumn... columns) {
        return new ExportPlan(new TimeRange(startNs, endNs), Layout.ALIGNED, Format.HDF5, intervalNs, List.of(columns));
    }

    /** Every value of the column, read with the given buffer size, checking the read contract on the way. */
    static double[] readAll(DoubleBlockSource source, long rows, int bufferSize) {
        double[] all = new double[(int) rows];
        double[] buffer = new double[bufferSize];
        int filled = 0;
        while (true) {
            int n = source.read(buffer);
            if (n == 0) {
                break;
            }
            if (n != Math.min(bufferSize, rows - filled)) {
                throw new AssertionError(
                        "read " + n + " values with " + (rows - filled) + " remaining and a buffer of " + bufferSize);
            }
            System.arraycopy(buffer, 0, all, filled, n);
            filled += n;
        }
        if (filled != rows) {
            throw new AssertionError("read " + filled + " of " + rows + " rows");
        }
        if (source.read(buffer) != 0) {
            throw new AssertionError("read past the end");
        }
        return all;
    }

    static double[] export(InMemoryStore store, ExportPlan plan, int bufferSize) {
        try (DoubleBlockSource source =
                new StoreExportSource(plan, store).alignedColumn(plan.columns().get(0))) {
            return readAll(source, plan.gridRows(), bufferSize);
        }
    }

    static double[] export(InMemoryStore store, ExportPlan plan) {
        return export(store, plan, 4096);
    }

    static String bits(double[] values) {
        return Arrays.toString(Arrays.stream(values)
                .mapToObj(v -> Long.toHexString(Double.doubleToRawLongBits(v)))
                .toArray());
    }
}
