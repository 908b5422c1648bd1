package com.speeddata.pivot.sample;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.Objects;

/**
 * A run of samples in strictly increasing time order. The arrays are handed over, not copied: whoever builds a
 * block gives up its arrays, so blocks move through the hot export path without copies. Like its arrays, a block
 * belongs to one thread at a time.
 *
 * <p>{@code stepNs} is the common gap when the producer knows the samples are evenly spaced ({@code times[i] ==
 * times[0] + i * stepNs}), else 0 (unknown). It lets the export copy a run of on-grid samples without looking at
 * each time, so it is a promise: the constructor checks the ends in O(1), and every gap only with assertions on
 * (tests); a store that cannot keep it passes 0, or uses {@link #withMeasuredSpacing}. A block made by
 * {@link #evenlySpaced} (a stored chunk keeps only its first time and step) writes its times out only when someone
 * asks for the array: {@link #timeAt} does not need it. Likewise a block of {@link #evenlySpacedLittleEndian} (a
 * stored chunk's bytes as read) decodes its values only when someone asks for the array: {@link #valueAt} and
 * {@link #copyValues} do not need it.
 */
public final class SampleBlock {
    /** The times as given, or null for a block made by {@link #evenlySpaced}. */
    private final long[] given;
    /** The times of an evenly spaced block, once someone asked for the array. */
    private long[] written;

    /** The values; for a block made by {@link #evenlySpacedLittleEndian}, null until someone asks for the array. */
    private double[] values;
    /** The values as stored (little-endian float64), for a block made by {@link #evenlySpacedLittleEndian}. */
    private final DoubleBuffer stored;

    private final int size;
    private final long firstNs;
    private final long stepNs;

    /** A block whose spacing is not known. */
    public SampleBlock(long[] times, double[] values) {
        this(times, values, 0);
    }

    public SampleBlock(long[] times, double[] values, long stepNs) {
        Objects.requireNonNull(times, "times");
        Objects.requireNonNull(values, "values");
        if (times.length != values.length) {
            throw new IllegalArgumentException(times.length + " times but " + values.length + " values");
        }
        if (stepNs < 0
                || stepNs > 0
                        && times.length > 1
                        && times[times.length - 1] - times[0] != stepNs * (times.length - 1)) {
            throw new IllegalArgumentException("times " + times[0] + ".." + times[times.length - 1] + " are not "
                    + times.length + " samples " + stepNs + " ns apart");
        }
        assert stepNs == 0 || times.length < 2 || evenStep(times, 0, times.length) == stepNs
                : "times are not " + stepNs + " ns apart";
        this.given = times;
        this.values = values;
        this.stored = null;
        this.size = values.length;
        this.firstNs = times.length > 0 ? times[0] : 0;
        this.stepNs = stepNs;
    }

    private SampleBlock(long firstNs, long stepNs, double[] values, DoubleBuffer stored, int size) {
        this.given = null;
        this.values = values;
        this.stored = stored;
        this.size = size;
        this.firstNs = firstNs;
        this.stepNs = stepNs;
    }

    /**
     * Samples {@code firstNs + i * stepNs}, one a value; the times array is written only if asked for. A step of 0
     * is allowed for a single sample only. The span may exceed a {@code long} ({@code -5e18, 0, 5e18}); the last time
     * may not.
     */
    public static SampleBlock evenlySpaced(long firstNs, long stepNs, double[] values) {
        Objects.requireNonNull(values, "values");
        checkSpacing(firstNs, stepNs, values.length);
        return new SampleBlock(firstNs, stepNs, values, null, values.length);
    }

    /**
     * Samples as {@link #evenlySpaced}, whose values are little-endian float64 in {@code bytes}, values {@code from}
     * to {@code to} (exclusive), value {@code from} at {@code firstNs}: a stored chunk as read. The array is shared
     * and never written. The values are decoded only if someone asks for the array: {@link #valueAt} and
     * {@link #copyValues} read the bytes, so an export that copies runs of values makes one copy instead of two.
     */
    public static SampleBlock evenlySpacedLittleEndian(long firstNs, long stepNs, byte[] bytes, int from, int to) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.checkFromToIndex(from, to, bytes.length / Double.BYTES);
        checkSpacing(firstNs, stepNs, to - from);
        DoubleBuffer stored = ByteBuffer.wrap(bytes, from * Double.BYTES, (to - from) * Double.BYTES)
                .slice()
                .order(ByteOrder.LITTLE_ENDIAN)
                .asDoubleBuffer();
        return new SampleBlock(firstNs, stepNs, null, stored, to - from);
    }

    private static void checkSpacing(long firstNs, long stepNs, int n) {
        if (stepNs < 0 || stepNs == 0 && n > 1) {
            throw new IllegalArgumentException(n + " samples cannot be " + stepNs + " ns apart");
        }
        if (n > 1) {
            long gaps = n - 1L;
            long span = stepNs * gaps; // exact as an unsigned number when the high half is 0
            if (Math.multiplyHigh(stepNs, gaps) != 0 || Long.compareUnsigned(span, Long.MAX_VALUE - firstNs) > 0) {
                throw new ArithmeticException(
                        n + " samples " + stepNs + " ns apart from " + firstNs + " end after the largest time");
            }
        }
    }

    /**
     * A block whose spacing is measured here (one pass over the times): evenly spaced times become a block of
     * {@link #evenlySpaced}, which drops the array.
     */
    public static SampleBlock withMeasuredSpacing(long[] times, double[] values) {
        long step = times.length == values.length ? evenStep(times, 0, times.length) : -1;
        return times.length == 0 || step < 0 ? new SampleBlock(times, values) : evenlySpaced(times[0], step, values);
    }

    /**
     * The common gap of {@code times[from..to)} when every gap is the same (0 for a single sample), else -1; the
     * times must be strictly increasing.
     */
    public static long evenStep(long[] times, int from, int to) {
        if (to - from <= 1) {
            return 0;
        }
        long step = times[from + 1] - times[from];
        if (step <= 0) {
            return -1; // the difference overflowed
        }
        for (int i = from + 2; i < to; i++) {
            if (times[i] - times[i - 1] != step) {
                return -1;
            }
        }
        return step;
    }

    /** The times, written out on first use for a block made by {@link #evenlySpaced}. */
    public long[] times() {
        if (given != null) {
            return given;
        }
        if (written == null) {
            long[] times = new long[size];
            long t = firstNs;
            for (int i = 0; i < times.length; i++) {
                times[i] = t;
                t += stepNs; // wraps only past the last sample: every time fits (evenlySpaced checks the last)
            }
            written = times;
        }
        return written;
    }

    /** The values, decoded on first use for a block made by {@link #evenlySpacedLittleEndian}. */
    public double[] values() {
        if (values == null) {
            double[] decoded = new double[size];
            stored.get(0, decoded);
            values = decoded;
        }
        return values;
    }

    /** Value {@code i}, without decoding the others. */
    public double valueAt(int i) {
        return values != null ? values[i] : stored.get(i);
    }

    /** Copies values {@code [from, from + n)} into {@code into} at {@code at}, in one bulk copy either way. */
    public void copyValues(int from, double[] into, int at, int n) {
        if (values != null) {
            System.arraycopy(values, from, into, at, n);
        } else {
            stored.get(from, into, at, n);
        }
    }

    /** The common gap when known (see the class comment), else 0. */
    public long stepNs() {
        return stepNs;
    }

    /** Sample {@code i}'s time, without writing out the times of an evenly spaced block. */
    public long timeAt(int i) {
        if (given != null) {
            return given[i];
        }
        // Wrapping arithmetic gives the exact time, which fits in a long, even when i * stepNs alone does not.
        return firstNs + Objects.checkIndex(i, size) * stepNs;
    }

    /** True when the samples are known to be {@code stepNs} apart, each from the one before. */
    public boolean isEvenlySpacedBy(long stepNs) {
        return this.stepNs == stepNs && stepNs > 0;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public long firstTime() {
        return timeAt(0);
    }

    public long lastTime() {
        return timeAt(size - 1);
    }

    @Override
    public String toString() {
        return "SampleBlock[" + size() + " samples" + (isEmpty() ? "" : " " + firstTime() + ".." + lastTime())
                + (stepNs > 0 ? " every " + stepNs + " ns" : "") + "]";
    }
}
