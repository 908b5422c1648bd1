package com.speeddata.pivot.time;

/** A resolved, half-open range {@code [startNs, endNs)} of UTC nanoseconds since the epoch. */
public record TimeRange(long startNs, long endNs) {
    public TimeRange {
        if (endNs <= startNs) {
            throw new IllegalArgumentException("range end " + endNs + " is not after its start " + startNs);
        }
    }

    public long durationNs() {
        return endNs - startNs;
    }

    public boolean contains(long timeNs) {
        return timeNs >= startNs && timeNs < endNs;
    }
}
