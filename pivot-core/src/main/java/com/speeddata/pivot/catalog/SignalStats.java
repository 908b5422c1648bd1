package com.speeddata.pivot.catalog;

/** What is stored of a signal: sample count and the first and last sample time (ns), both 0 when empty. */
public record SignalStats(long samples, long firstNs, long lastNs) {
    public static final SignalStats EMPTY = new SignalStats(0, 0, 0);

    public SignalStats {
        if (samples < 0) {
            throw new IllegalArgumentException("negative sample count " + samples);
        }
        if (samples > 0 && lastNs < firstNs) {
            throw new IllegalArgumentException("last " + lastNs + " before first " + firstNs);
        }
    }

    public boolean isEmpty() {
        return samples == 0;
    }
}
