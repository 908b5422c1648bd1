package com.speeddata.storage.export;

import com.speeddata.pivot.catalog.SignalKey;
import com.speeddata.pivot.export.AlignedCells;
import com.speeddata.pivot.export.CellQuality;
import com.speeddata.pivot.export.ExportColumn;
import com.speeddata.pivot.export.ExportPlan;
import com.speeddata.pivot.export.ExportSource;
import com.speeddata.pivot.export.LongBlockSource;
import com.speeddata.pivot.export.SignalReceipt;
import com.speeddata.pivot.sample.SampleBlock;
import com.speeddata.pivot.sample.SampleCursor;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongToDoubleFunction;

/**
 * An {@link ExportSource} without a database: grid times from the plan, aligned values from functions of the row,
 * raw samples from arrays. It can be told to give too many or too few values, or to fail after some, and it counts
 * what is opened and closed.
 */
final class SyntheticSource implements ExportSource {
    static final String TIME = "time";

    private final ExportPlan plan;
    private final Map<SignalKey, LongToDoubleFunction> aligned = new HashMap<>();
    private final Map<SignalKey, long[]> rawTimes = new HashMap<>();
    private final Map<SignalKey, double[]> rawValues = new HashMap<>();
    private final Map<String, Long> miscount = new HashMap<>();
    private int rawBlock = 1000;
    private String failOn;
    private long failAfter;
    private RuntimeException failure;
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();

    SyntheticSource(ExportPlan plan) {
        this.plan = plan;
    }

    /** The default value of row {@code i} in column {@code c}: distinct everywhere, exact in binary. */
    static double defaultValue(int c, long i) {
        return c * 1_000_000.0 + i * 0.25;
    }

    SyntheticSource aligned(SignalKey key, LongToDoubleFunction valueAtRow) {
        aligned.put(key, valueAtRow);
        return this;
    }

    SyntheticSource raw(SignalKey key, long[] times, double[] values) {
        rawTimes.put(key, times.clone());
        rawValues.put(key, values.clone());
        return this;
    }

    /** {@code name} ({@code time} or {@code channel/signal}) gives {@code delta} values more (or fewer) than planned. */
    SyntheticSource miscount(String name, long delta) {
        miscount.put(name, delta);
        return this;
    }

    SyntheticSource rawBlockSize(int size) {
        rawBlock = size;
        return this;
    }

    /** {@code name} throws {@code e} once it has given {@code values} values. */
    SyntheticSource failAfter(String name, long values, RuntimeException e) {
        failOn = name;
        failAfter = values;
        failure = e;
        return this;
    }

    boolean allClosed() {
        return opened.get() == closed.get();
    }

    @Override
    public LongBlockSource gridTimes() {
        Counter counter = new Counter(TIME, plan.gridRows());
        return new LongBlockSource() {
            @Override
            public int read(long[] buffer) {
                int n = counter.take(buffer.length);
                for (int k = 0; k < n; k++) {
                    buffer[k] = plan.gridTime(counter.next - n + k);
                }
                return n;
            }

            @Override
            public void close() {
                counter.close();
            }
        };
    }

    /**
     * Values from the column's function; each cell is flagged observed, or missing when its value is NaN, and the
     * receipt counts them (one sample read per observed cell, first and last sample at the first and last row).
     */
    @Override
    public AlignedCells alignedColumn(ExportColumn column) {
        int c = plan.columns().indexOf(column);
        LongToDoubleFunction values = aligned.getOrDefault(column.key(), i -> defaultValue(c, i));
        Counter counter = new Counter(column.key().path(), plan.gridRows());
        return new AlignedCells() {
            private long observed;

            @Override
            public int read(double[] buffer, byte[] quality) {
                int n = counter.take(buffer.length);
                for (int k = 0; k < n; k++) {
                    buffer[k] = values.applyAsDouble(counter.next - n + k);
                    boolean missing = Double.isNaN(buffer[k]);
                    observed += missing ? 0 : 1;
                    if (quality != null) {
                        quality[k] = missing ? CellQuality.MISSING : CellQuality.OBSERVED;
                    }
                }
                return n;
            }

            @Override
            public SignalReceipt receipt() {
                long rows = plan.gridRows();
                OptionalLong first = observed == 0 ? OptionalLong.empty() : OptionalLong.of(plan.gridTime(0));
                OptionalLong last = observed == 0 ? OptionalLong.empty() : OptionalLong.of(plan.gridTime(rows - 1));
                return new SignalReceipt(
                        column.key(),
                        column.fill(),
                        column.aggregate(),
                        plan.intervalNs() * 10,
                        observed,
                        observed,
                        0,
                        rows - observed,
                        first,
                        last);
            }

            @Override
            public void close() {
                counter.close();
            }
        };
    }

    @Override
    public SampleCursor rawSamples(ExportColumn column) {
        long[] times = rawTimes.getOrDefault(column.key(), new long[0]);
        double[] values = rawValues.getOrDefault(column.key(), new double[0]);
        Counter counter = new Counter(column.key().path(), times.length);
        return new SampleCursor() {
            @Override
            public SampleBlock next() {
                int n = counter.take(rawBlock);
                if (n == 0) {
                    return null;
                }
                long[] blockTimes = new long[n];
                double[] blockValues = new double[n];
                for (int k = 0; k < n; k++) {
                    int i = (int) (counter.next - n + k);
                    // Past the stored samples (a source that over-delivers): more samples, one ns apart.
                    blockTimes[k] = i < times.length ? times[i] : plan.range().startNs() + i;
                    blockValues[k] = i < values.length ? values[i] : i;
                }
                return new SampleBlock(blockTimes, blockValues);
            }

            @Override
            public void close() {
                counter.close();
            }
        };
    }

    @Override
    public long rawCount(ExportColumn column) {
        return rawTimes.getOrDefault(column.key(), new long[0]).length;
    }

    /** Hands out the indices of one source, honouring miscounts and failures. */
    private final class Counter {
        private final String name;
        private final long total;
        long next;

        Counter(String name, long planned) {
            this.name = name;
            this.total = planned + miscount.getOrDefault(name, 0L);
            opened.incrementAndGet();
        }

        int take(int wanted) {
            int n = (int) Math.min(wanted, total - next);
            if (name.equals(failOn) && next + n > failAfter) {
                throw failure;
            }
            next += n;
            return n;
        }

        void close() {
            closed.incrementAndGet();
        }
    }
}
