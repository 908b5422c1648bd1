package com.speeddata.pivot.catalog;

import com.speeddata.pivot.InvalidRequestException;
import com.speeddata.pivot.time.Timestamps;
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

    /**
     * Time of sample {@code i} of a regular block starting at {@code startNs}: start + i / rate, to the nanosecond.
     *
     * @throws InvalidRequestException (at {@code /start}) when that time is after the latest instant int64
     *                                 nanoseconds hold: a start near the end of the range, or a rate so low that a
     *                                 few samples run past it
     */
    public long sampleTime(long startNs, long i) {
        if (i == 0) {
            return startNs;
        }
        double offsetNs = i * (1e9 / sampleRateHz);
        long base = startNs;
        if (offsetNs >= 0x1p63 && startNs < 0) {
            // An offset of 2^63 ns or more fits only after a negative start: take 2^63 of it first (exact in double).
            offsetNs -= 0x1p63;
            base = startNs - Long.MIN_VALUE;
        }
        if (offsetNs < 0x1p63) { // Math.round saturates at Long.MAX_VALUE, so larger offsets are out of range
            long offset = Math.round(offsetNs);
            if (base <= Long.MAX_VALUE - offset) {
                return base + offset;
            }
        }
        throw new InvalidRequestException(
                "/start",
                "sample " + i + " of " + key + " at start + " + i + " / "
                        + sampleRateHz + " Hz falls after " + Timestamps.MAX_TEXT
                        + ", the latest instant int64 nanoseconds hold; send an earlier start or fewer values");
    }
}
