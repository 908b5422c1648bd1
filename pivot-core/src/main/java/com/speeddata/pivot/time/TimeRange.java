package com.speeddata.pivot.time;

/**
 * A resolved, half-open range {@code [startNs, endNs)} of UTC nanoseconds since the epoch. Its duration must fit
 * in an int64 (at most about 292 years), so that {@link #durationNs()} never overflows.
 */
public record TimeRange(long startNs, long endNs) {
    public TimeRange {
        if (endNs <= startNs) {
            throw new IllegalArgumentException("range end " + endNs + " is not after its start " + startNs);
        }
        if (endNs - startNs < 0) {
            throw new IllegalArgumentException(
                    "range [" + startNs + ", " + endNs + ") is longer than " + Long.MAX_VALUE + " ns");
        }
    }

    public long durationNs() {
        return endNs - startNs;
    }

    public boolean contains(long timeNs) {
        return timeNs >= startNs && timeNs < endNs;
    }
}
