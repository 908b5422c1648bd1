package com.speeddata.pivot.sample;

import java.util.Objects;

/**
 * A run of samples in strictly increasing time order. The arrays are handed over, not copied: whoever builds a
 * block gives up its arrays, so blocks move through the hot export path without copies.
 *
 * <p>{@code stepNs} is the common gap when the producer knows the samples are evenly spaced ({@code times[i] ==
 * times[0] + i * stepNs}, as a stored chunk that keeps only its first time and step), else 0 (unknown). It lets the
 * export copy a run of on-grid samples without looking at each time, so it is a promise: the constructor checks the
 * ends in O(1), and every gap only with assertions on (tests); a store that cannot keep it passes 0, or uses
 * {@link #withMeasuredSpacing}.
 */
public record SampleBlock(long[] times, double[] values, long stepNs) {
    public SampleBlock {
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
        assert stepNs == 0 || evenStep(times, 0, times.length) == stepNs || times.length < 2
                : "times are not " + stepNs + " ns apart";
    }

    /** A block whose spacing is not known. */
    public SampleBlock(long[] times, double[] values) {
        this(times, values, 0);
    }

    /** A block whose spacing is measured here: evenly spaced times get their step (one pass over the times). */
    public static SampleBlock withMeasuredSpacing(long[] times, double[] values) {
        long step = evenStep(times, 0, times.length);
        return new SampleBlock(times, values, Math.max(step, 0));
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

    /** True when the samples are known to be {@code stepNs} apart, each from the one before. */
    public boolean isEvenlySpacedBy(long stepNs) {
        return this.stepNs == stepNs && stepNs > 0;
    }

    public int size() {
        return times.length;
    }

    public boolean isEmpty() {
        return times.length == 0;
    }

    public long firstTime() {
        return times[0];
    }

    public long lastTime() {
        return times[times.length - 1];
    }
}
