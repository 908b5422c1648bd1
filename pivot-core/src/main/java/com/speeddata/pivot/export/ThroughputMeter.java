package com.speeddata.pivot.export;

import java.time.Duration;

/**
 * Export throughput as measured on this instance: an exponentially weighted mean of the bytes per second of
 * finished exports. Until the first measurement it assumes a conservative prior.
 */
public final class ThroughputMeter {
    /** Before anything was measured: well below what the service does on a laptop, so estimates err long. */
    public static final double PRIOR_BYTES_PER_SECOND = 50e6;

    private static final double WEIGHT_OF_NEWEST = 0.3;
    /** Exports this small are dominated by fixed costs and say little about throughput. */
    private static final long MIN_BYTES_TO_LEARN = 1 << 20;

    private double bytesPerSecond = PRIOR_BYTES_PER_SECOND;

    public synchronized void record(long bytes, Duration took) {
        if (bytes < MIN_BYTES_TO_LEARN || took.isZero() || took.isNegative()) {
            return;
        }
        double measured = bytes / (took.toNanos() / 1e9);
        bytesPerSecond = WEIGHT_OF_NEWEST * measured + (1 - WEIGHT_OF_NEWEST) * bytesPerSecond;
    }

    public synchronized double bytesPerSecond() {
        return bytesPerSecond;
    }

    /** How long writing {@code bytes} should take at the measured rate. */
    public Duration timeFor(long bytes) {
        return Duration.ofNanos((long) Math.min(Long.MAX_VALUE, bytes / bytesPerSecond() * 1e9));
    }
}
