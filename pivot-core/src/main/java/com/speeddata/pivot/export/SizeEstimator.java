package com.speeddata.pivot.export;

import com.speeddata.pivot.catalog.SignalInfo;
import com.speeddata.pivot.catalog.SignalStats;
import com.speeddata.pivot.time.TimeRange;

/**
 * Expected output size of a plan, from the plan and the catalog's statistics alone: no sample is read. Every sum
 * and product saturates at {@link Long#MAX_VALUE}, so an absurd request estimates huge, never negative.
 *
 * <ul>
 * <li>Aligned HDF5: {@code rows × 8} (time) {@code + rows × columns × 8} (values) {@code + 1 KiB} (superblock,
 * root group and attributes) {@code + 1 KiB per column} (dataset header and attributes).</li>
 * <li>Aligned CSV: header {@code + rows × (30 + columns × 22)}: 30 bytes for a time up to microseconds with its
 * separator, 22 for a value as Java prints a double (17 significant digits, sign, point, exponent) with its
 * separator. NaN cells are empty and shorter; that slack is kept on purpose.</li>
 * <li>With {@code quality}: {@code + rows × columns} bytes and 1 KiB per column in HDF5, {@code + rows × columns × 2}
 * (a digit and its separator) and the extra header names in CSV.</li>
 * <li>Raw: expected samples per column: for a regular signal, {@code overlap × rate + 1}, where overlap is the
 * part of the range between the signal's first and last stored sample (exact for gap-free data); for an
 * irregular one, {@code stored count × overlap / (last - first)} (samples assumed spread evenly); both capped at
 * the stored count. HDF5 takes 16 bytes per sample (time and value) {@code + 1 KiB + 2 KiB per column} (two
 * datasets each); CSV, which the contract does not define for raw, is assumed at {@code 30 + 22} bytes per
 * sample.</li>
 * </ul>
 */
public final class SizeEstimator {
    public static final long FILE_OVERHEAD_BYTES = 1024;
    public static final long DATASET_OVERHEAD_BYTES = 1024;
    public static final long CSV_TIME_FIELD_BYTES = 30;
    public static final long CSV_VALUE_FIELD_BYTES = 22;
    public static final long CSV_QUALITY_FIELD_BYTES = 2;
    private static final long BINARY_FIELD_BYTES = 8;

    private SizeEstimator() {}

    public static SizeEstimate estimate(ExportPlan plan) {
        int columns = plan.columns().size();
        return plan.layout() == Layout.ALIGNED ? aligned(plan, columns) : raw(plan, columns);
    }

    private static SizeEstimate aligned(ExportPlan plan, int columns) {
        long rows = plan.gridRows();
        long bytes =
                switch (plan.format()) {
                    case HDF5 ->
                        add(
                                mul(rows, mul(BINARY_FIELD_BYTES, 1 + columns)),
                                add(FILE_OVERHEAD_BYTES, mul(DATASET_OVERHEAD_BYTES, columns)));
                    case CSV -> add(csvHeader(plan), mul(rows, CSV_TIME_FIELD_BYTES + CSV_VALUE_FIELD_BYTES * columns));
                };
        if (plan.quality()) {
            // One flag per cell: a byte in HDF5 (and a dataset each), a digit and its comma in CSV.
            bytes = switch (plan.format()) {
                case HDF5 -> add(bytes, add(mul(rows, columns), mul(DATASET_OVERHEAD_BYTES, columns)));
                case CSV -> add(bytes, mul(rows, mul(CSV_QUALITY_FIELD_BYTES, columns)));
            };
        }
        return new SizeEstimate(bytes, rows, columns);
    }

    private static SizeEstimate raw(ExportPlan plan, int columns) {
        long samples = 0;
        for (ExportColumn column : plan.columns()) {
            samples = add(samples, expectedSamples(column.signal(), plan.range()));
        }
        long bytes =
                switch (plan.format()) {
                    case HDF5 ->
                        add(
                                mul(samples, 2 * BINARY_FIELD_BYTES),
                                add(FILE_OVERHEAD_BYTES, mul(2 * DATASET_OVERHEAD_BYTES, columns)));
                    case CSV -> add(csvHeader(plan), mul(samples, CSV_TIME_FIELD_BYTES + CSV_VALUE_FIELD_BYTES));
                };
        return new SizeEstimate(bytes, samples, columns);
    }

    /** Stored samples of the signal expected inside the range (see the class comment). */
    static long expectedSamples(SignalInfo signal, TimeRange range) {
        SignalStats stats = signal.stats();
        if (stats.isEmpty() || stats.lastNs() < range.startNs() || stats.firstNs() >= range.endNs()) {
            return 0;
        }
        long from = Math.max(range.startNs(), stats.firstNs());
        long to = Math.min(range.endNs() - 1, stats.lastNs());
        double overlapNs = (double) (to - from);
        double expected;
        if (signal.definition().isRegular()) {
            expected = Math.floor(overlapNs * signal.definition().sampleRateHz() / 1e9) + 1;
        } else {
            double storedSpanNs = (double) stats.lastNs() - (double) stats.firstNs();
            expected = storedSpanNs <= 0 ? stats.samples() : Math.ceil(stats.samples() * (overlapNs / storedSpanNs));
        }
        return Math.max(1, Math.min(stats.samples(), (long) expected));
    }

    private static long csvHeader(ExportPlan plan) {
        long bytes = "time\n".length();
        for (ExportColumn column : plan.columns()) {
            bytes += 1 + column.key().path().length();
            if (plan.quality()) {
                bytes += 1 + column.key().path().length() + ":quality".length();
            }
        }
        return bytes;
    }

    private static long add(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static long mul(long a, long b) {
        return Math.multiplyHigh(a, b) != 0 || a * b < 0 ? Long.MAX_VALUE : a * b;
    }
}
