package com.speeddata.pivot.catalog;

import java.util.Objects;

/**
 * What a signal is: its unit and nominal sample rate. A null {@code sampleRateHz} marks an irregular signal.
 * Rates are capped at 1 GHz so that one sample period is at least one nanosecond.
 */
public record SignalDefinition(SignalKey key, String unit, Double sampleRateHz, String description) {
    public static final double MAX_SAMPLE_RATE_HZ = 1e9;

    public SignalDefinition {
        Objects.requireNonNull(key, "key");
        unit = unit == null ? "" : unit;
        description = description == null ? "" : description;
        if (sampleRateHz != null && !(sampleRateHz > 0 && sampleRateHz <= MAX_SAMPLE_RATE_HZ)) {
            throw new IllegalArgumentException("sample_rate_hz must be in (0, 1e9] or null, not " + sampleRateHz);
        }
    }

    public boolean isRegular() {
        return sampleRateHz != null;
    }

    /** Sample period in nanoseconds, rounded to the nearest nanosecond; only for regular signals. */
    public long periodNs() {
        if (sampleRateHz == null) {
            throw new IllegalStateException(key + " is irregular and has no period");
        }
        return Math.max(1, Math.round(1e9 / sampleRateHz));
    }

    /** Time of sample {@code i} of a regular block starting at {@code startNs}: start + i / rate, to the nanosecond. */
    public long sampleTime(long startNs, long i) {
        return startNs + Math.round(i * (1e9 / sampleRateHz));
    }
}
