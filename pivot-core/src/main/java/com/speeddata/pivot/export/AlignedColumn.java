package com.speeddata.pivot.export;

import com.speeddata.pivot.catalog.SignalKey;
import com.speeddata.pivot.sample.Sample;
import com.speeddata.pivot.sample.SampleBlock;
import com.speeddata.pivot.sample.SampleCursor;
import com.speeddata.pivot.sample.SampleStore;
import com.speeddata.pivot.time.TimeRange;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One signal on the export grid, streamed: samples are pulled block by block from
 * {@link SampleStore#read} and turned into cells as the caller's buffer asks, so memory does not grow with the
 * export, however many samples or empty cells it has.
 *
 * <p>Cell {@code i} is {@code [t_i, t_i + interval)}, clipped to the range's end: a sample at or after the end is
 * outside the export, as in the raw layout. A cell with samples takes their {@link Aggregate}; a cell with exactly
 * one sample takes that sample's value bit for bit, so on-grid signals export their stored values unchanged. A
 * stored NaN is a gap sample: it makes the cell non-empty and propagates through mean, min and max (IEEE), while
 * first and last simply take it.
 *
 * <p>A cell without samples takes its {@link Fill} from the last sample before it and the first sample after it,
 * which may lie outside the range ({@link SampleStore#lastBefore} at the start and
 * {@link SampleStore#firstAtOrAfter} at the end, each asked at most once and only when a fill needs it):
 * {@code linear} interpolates at {@code t_i} (NaN when a side is missing or NaN: gaps are not bridged),
 * {@code previous} repeats the previous sample (NaN when none), {@code nearest} takes the closer one by time, the
 * previous on a tie, the existing one when only one exists, {@code none} leaves NaN.
 *
 * <p>No fill reaches farther than the column's {@link GapLimit} ({@code max_gap}): cells between two samples
 * farther apart than it stay NaN whatever the fill, and where only one neighbour exists (before the signal's
 * first or after its last stored sample) a cell is filled from it only when it lies within the limit of the
 * cell's start {@code t_i}. Each cell is flagged observed, filled or missing ({@link CellQuality}), and the
 * counts and the stored samples used make the column's {@link SignalReceipt}, handed to {@code onReceipt} once the
 * last value is read.
 *
 * <p>Hot path: no boxing, no allocation per sample or cell; a run of cells holding one sample each (an on-grid
 * signal) is one array copy, other cells with samples one switch each, and a run of empty cells one fill.
 */
final class AlignedColumn implements AlignedCells {
    private static final SampleBlock NO_SAMPLES = new SampleBlock(new long[0], new double[0]);

    private final SampleStore store;
    private final SignalKey key;
    private final ExportColumn column;
    private final TimeRange range;
    private final Aggregate aggregate;
    private final Fill fill;
    private final Consumer<SignalReceipt> onReceipt;
    private final long startNs;
    private final long endNs;
    private final long intervalNs;
    private final long rows;

    private long row;
    private long cellStartNs;

    private SampleCursor cursor;
    private boolean drained;
    /**
     * The current block, its times read through {@link #time} and its values through {@link #value} or copied in
     * runs, so that neither is written out as an array; with its size kept beside it for the hot loop.
     */
    private SampleBlock block = NO_SAMPLES;

    private int size;
    private int pos;
    /** True when the current block's samples are one interval apart: consecutive samples fill consecutive cells. */
    private boolean blockOnGridSpacing;

    /** The last sample before the current cell; known once a sample was consumed or lastBefore was asked. */
    private boolean previousKnown;

    private boolean hasPrevious;
    private long previousNs;
    private double previousValue;

    /** The first sample at or after the range's end; asked at most once. */
    private boolean followingKnown;

    private boolean hasFollowing;
    private long followingNs;
    private double followingValue;

    /** The gap limit, resolved when first needed (the default of an irregular signal probes the store). */
    private boolean maxGapKnown;

    private long maxGapNs;

    private final CellTally tally = new CellTally();
    private SignalReceipt receipt;

    private boolean closed;

    AlignedColumn(SampleStore store, ExportColumn column, TimeRange range, long intervalNs, long rows) {
        this(store, column, range, intervalNs, rows, r -> {});
    }

    AlignedColumn(
            SampleStore store,
            ExportColumn column,
            TimeRange range,
            long intervalNs,
            long rows,
            Consumer<SignalReceipt> onReceipt) {
        this.store = Objects.requireNonNull(store, "store");
        this.column = column;
        this.range = range;
        this.onReceipt = Objects.requireNonNull(onReceipt, "onReceipt");
        this.key = column.key();
        this.aggregate = column.aggregate();
        this.fill = column.fill();
        this.startNs = range.startNs();
        this.endNs = range.endNs();
        this.intervalNs = intervalNs;
        this.rows = rows;
        this.cellStartNs = startNs;
    }

    @Override
    public int read(double[] buffer, byte[] quality) {
        if (closed) {
            throw new IllegalStateException("the aligned column of " + key + " is closed");
        }
        int n = (int) Math.min(buffer.length, rows - row);
        if (quality != null && quality.length < n) {
            throw new IllegalArgumentException("a quality buffer of " + quality.length + " for " + n + " values");
        }
        int k = 0;
        while (k < n) {
            if (!hasSample()) {
                fillTail(buffer, quality, k, n - k);
                advance(n - k);
                break;
            }
            long sampleNs = time(pos);
            long cellEndNs = cellEnd();
            if (sampleNs < cellEndNs) {
                int run = onGridRun(n - k);
                if (run > 0) {
                    copyRun(buffer, quality, k, run);
                    k += run;
                    advance(run);
                    continue;
                }
                buffer[k] = aggregateCell(cellEndNs);
                if (quality != null) {
                    quality[k] = CellQuality.OBSERVED;
                }
                k++;
                advance(1);
            } else {
                // Cells before the one holding the sample are empty; at least one (guards a store that
                // returned a sample at or after the end).
                long empty = Math.max(1, (sampleNs - cellStartNs) / intervalNs);
                int m = (int) Math.min(empty, n - k);
                fillEmpty(buffer, quality, k, m, true, sampleNs, value(pos));
                k += m;
                advance(m);
            }
        }
        if (row == rows && receipt == null) {
            receipt = tally.receipt(column, maxGap(), rows);
            onReceipt.accept(receipt);
        }
        return n;
    }

    @Override
    public SignalReceipt receipt() {
        if (receipt == null) {
            throw new IllegalStateException(
                    "the receipt of " + key + " is known once all " + rows + " values are read, not after " + row);
        }
        return receipt;
    }

    @Override
    public void close() {
        closed = true;
        closeCursor();
    }

    private long cellEnd() {
        return endNs - cellStartNs <= intervalNs ? endNs : cellStartNs + intervalNs;
    }

    private void advance(long cells) {
        row += cells;
        cellStartNs = row < rows ? startNs + row * intervalNs : endNs;
    }

    /** True when a sample is at {@code pos}, pulling the next block when the current one is used up. */
    private boolean hasSample() {
        return pos < size || nextBlock();
    }

    private boolean nextBlock() {
        if (drained) {
            return false;
        }
        if (cursor == null) {
            cursor = store.read(key, startNs, endNs);
        }
        SampleBlock next = cursor.next();
        while (next != null && next.isEmpty()) {
            next = cursor.next();
        }
        if (next == null) {
            drained = true;
            closeCursor();
            block = NO_SAMPLES;
            size = 0;
            blockOnGridSpacing = false;
            pos = 0;
            return false;
        }
        block = next;
        size = next.size();
        blockOnGridSpacing = next.isEvenlySpacedBy(intervalNs);
        pos = 0;
        tally.read(size, next.firstTime(), next.lastTime());
        return true;
    }

    private long time(int i) {
        return block.timeAt(i);
    }

    private double value(int i) {
        return block.valueAt(i);
    }

    private void closeCursor() {
        if (cursor != null) {
            SampleCursor open = cursor;
            cursor = null;
            open.close();
        }
    }

    /**
     * How many cells from the current one on (at most {@code most}) hold exactly one sample each, the one at
     * {@code pos} and those after it: the on-grid case, whose cells take their sample as it is, so a run is copied
     * whole. It stops before the block's last sample (whose successor is in the next block) and before the range's
     * last cell (which may be clipped to the end). The sample at {@code pos} is never before the current cell, and
     * the caller has seen it before the cell's end: so in a block of samples one interval apart, each sample from
     * {@code pos} on is in the next cell, and the run is as long as allowed without looking at the times.
     */
    private int onGridRun(int most) {
        int limit = (int) Math.min(most, Math.min(size - 1 - pos, rows - 1 - row));
        if (blockOnGridSpacing) {
            return Math.max(limit, 0);
        }
        long cell = cellStartNs;
        int run = 0;
        while (run < limit) {
            long sampleNs = time(pos + run);
            if (sampleNs - cell >= intervalNs || time(pos + run + 1) - cell < intervalNs) {
                break;
            }
            run++;
            cell += intervalNs;
        }
        return run;
    }

    private void copyRun(double[] buffer, byte[] quality, int offset, int run) {
        block.copyValues(pos, buffer, offset, run);
        if (quality != null) {
            Arrays.fill(quality, offset, offset + run, CellQuality.OBSERVED);
        }
        pos += run;
        previousNs = time(pos - 1);
        previousValue = value(pos - 1);
        previousKnown = true;
        hasPrevious = true;
    }

    /** Consumes every sample before {@code cellEndNs}, across blocks; there is at least one at {@code pos}. */
    private double aggregateCell(long cellEndNs) {
        int next = pos + 1;
        if (next < size && time(next) >= cellEndNs) {
            // The common on-grid case: one sample, which every aggregate returns as it is.
            previousNs = time(pos);
            previousValue = value(pos);
            previousKnown = true;
            hasPrevious = true;
            pos = next;
            return previousValue;
        }
        double first = value(pos);
        double sum = -0.0; // -0.0 + x == x for every x, so one sample keeps its sign
        double min = first;
        double max = first;
        double last = first;
        long count = 0;
        while (true) {
            // Values one by one through the block: a block of stored bytes is never decoded whole, not even for the
            // last sample of each block, which always comes through here (its successor is in the next block).
            int from = pos;
            int to = from + 1;
            while (to < size && time(to) < cellEndNs) {
                to++;
            }
            switch (aggregate) {
                case MEAN -> {
                    for (int i = from; i < to; i++) {
                        sum += value(i);
                    }
                }
                case MIN -> {
                    for (int i = from; i < to; i++) {
                        min = Math.min(min, value(i));
                    }
                }
                case MAX -> {
                    for (int i = from; i < to; i++) {
                        max = Math.max(max, value(i));
                    }
                }
                case FIRST, LAST -> {}
            }
            count += to - from;
            last = value(to - 1);
            previousNs = time(to - 1);
            pos = to;
            if (to < size || !nextBlock() || time(pos) >= cellEndNs) {
                break;
            }
        }
        previousValue = last;
        previousKnown = true;
        hasPrevious = true;
        return switch (aggregate) {
            case MEAN -> count == 1 ? first : sum / count;
            case MIN -> min;
            case MAX -> max;
            case FIRST -> first;
            case LAST -> last;
        };
    }

    /** The cells after the range's last sample: their next neighbour is the first sample at or after the end. */
    private void fillTail(double[] out, byte[] quality, int offset, int count) {
        if (fill != Fill.NONE) {
            lookFollowing();
        }
        fillEmpty(out, quality, offset, count, hasFollowing, followingNs, followingValue);
    }

    /**
     * Fills {@code count} empty cells from the current one on, all between the previous and the next sample, within
     * the gap limit; then flags and counts them.
     */
    private void fillEmpty(
            double[] out, byte[] quality, int offset, int count, boolean hasNext, long nextNs, double nextValue) {
        int end = offset + count;
        if (fill == Fill.NONE) {
            Arrays.fill(out, offset, end, Double.NaN);
            tally.flag(out, quality, offset, end);
            return;
        }
        lookPrevious();
        long limit = reach();
        boolean before = hasPrevious;
        if (before && hasNext && Long.compareUnsigned(nextNs - previousNs, limit) > 0) {
            // No fill bridges two samples farther apart than the limit.
            Arrays.fill(out, offset, end, Double.NaN);
            tally.flag(out, quality, offset, end);
            return;
        }
        switch (fill) {
            case PREVIOUS -> {
                if (!before) {
                    Arrays.fill(out, offset, end, Double.NaN);
                } else if (hasNext) {
                    Arrays.fill(out, offset, end, previousValue);
                } else {
                    reachForward(out, offset, end, limit);
                }
            }
            case LINEAR -> {
                if (before && hasNext) {
                    Interpolation.linear(
                            out, offset, count, cellStartNs, intervalNs, previousNs, previousValue, nextNs, nextValue);
                } else {
                    Arrays.fill(out, offset, end, Double.NaN);
                }
            }
            case NEAREST -> {
                if (before && hasNext) {
                    Interpolation.nearest(
                            out, offset, count, cellStartNs, intervalNs, previousNs, previousValue, nextNs, nextValue);
                } else if (before) {
                    reachForward(out, offset, end, limit);
                } else if (hasNext) {
                    long t = cellStartNs;
                    for (int k = offset; k < end; k++) {
                        out[k] = Long.compareUnsigned(nextNs - t, limit) <= 0 ? nextValue : Double.NaN;
                        t += intervalNs;
                    }
                } else {
                    Arrays.fill(out, offset, end, Double.NaN);
                }
            }
            case NONE -> throw new AssertionError("handled above");
        }
        if (before && hasNext && Double.isFinite(previousValue) && Double.isFinite(nextValue)) {
            // Between two finite samples within the limit every fill gives a number (linear between opposite
            // infinities would not): no cell to look at.
            tally.filled(quality, offset, count);
            markUsed(offset, end - 1, offset, true, true, nextNs);
            return;
        }
        int firstFilled = tally.flag(out, quality, offset, end);
        if (firstFilled >= 0) {
            markUsed(firstFilled, lastFilled(out, offset, end), offset, before, hasNext, nextNs);
        }
    }

    /** The previous sample's value in each cell that starts within the limit after it; NaN in the others. */
    private void reachForward(double[] out, int offset, int end, long limit) {
        long t = cellStartNs;
        for (int k = offset; k < end; k++) {
            out[k] = Long.compareUnsigned(t - previousNs, limit) <= 0 ? previousValue : Double.NaN;
            t += intervalNs;
        }
    }

    private static int lastFilled(double[] out, int offset, int end) {
        for (int k = end - 1; k >= offset; k--) {
            if (!Double.isNaN(out[k])) {
                return k;
            }
        }
        return -1;
    }

    /** Records the neighbours that filled cells took their values from; cells from one side are monotone in time. */
    private void markUsed(int firstFilled, int lastFilled, int offset, boolean before, boolean hasNext, long nextNs) {
        switch (fill) {
            case PREVIOUS -> tally.use(previousNs);
            case LINEAR -> {
                tally.use(previousNs);
                tally.use(nextNs);
            }
            case NEAREST -> {
                if (before && hasNext) {
                    long firstT = cellStartNs + (firstFilled - offset) * intervalNs;
                    long lastT = cellStartNs + (lastFilled - offset) * intervalNs;
                    tally.use(Long.compareUnsigned(firstT - previousNs, nextNs - firstT) <= 0 ? previousNs : nextNs);
                    tally.use(Long.compareUnsigned(lastT - previousNs, nextNs - lastT) <= 0 ? previousNs : nextNs);
                } else {
                    tally.use(before ? previousNs : nextNs);
                }
            }
            case NONE -> {}
        }
    }

    private long maxGap() {
        if (!maxGapKnown) {
            maxGapNs = GapLimit.of(column, store, range);
            maxGapKnown = true;
        }
        return maxGapNs;
    }

    /**
     * The limit as an unsigned distance: {@link Long#MAX_VALUE} (292 years, the largest {@code max_gap}) means no
     * limit at all, so that it also covers neighbours more than 2^63 ns apart.
     */
    private long reach() {
        long limit = maxGap();
        return limit == Long.MAX_VALUE ? -1L : limit;
    }

    private void lookPrevious() {
        if (!previousKnown) {
            previousKnown = true;
            Optional<Sample> before = store.lastBefore(key, startNs);
            hasPrevious = before.isPresent();
            before.ifPresent(s -> {
                previousNs = s.timeNs();
                previousValue = s.value();
            });
        }
    }

    private void lookFollowing() {
        if (!followingKnown) {
            followingKnown = true;
            Optional<Sample> after = store.firstAtOrAfter(key, endNs);
            hasFollowing = after.isPresent();
            after.ifPresent(s -> {
                followingNs = s.timeNs();
                followingValue = s.value();
            });
        }
    }
}
