package com.speeddata.pivot.sample;

import java.util.Objects;

/**
 * A run of samples in strictly increasing time order. The arrays are handed over, not copied: whoever builds a
 * block gives up its arrays, so blocks move through the hot export path without copies.
 */
public record SampleBlock(long[] times, double[] values) {
    public SampleBlock {
        Objects.requireNonNull(times, "times");
        Objects.requireNonNull(values, "values");
        if (times.length != values.length) {
            throw new IllegalArgumentException(times.length + " times but " + values.length + " values");
        }
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
