package com.speeddata.http.export;

import java.time.Duration;
import java.util.Objects;

/**
 * The export limits of the contract's run settings.
 *
 * @param ratePerSecond export requests a second per caller ({@link com.speeddata.http.RateLimit}); 0 for no limit
 */
public record ExportSettings(long syncMaxBytes, Duration syncTimeout, long exportMaxBytes, int ratePerSecond) {
    public ExportSettings {
        Objects.requireNonNull(syncTimeout, "syncTimeout");
        if (syncMaxBytes < 0) {
            throw new IllegalArgumentException("syncMaxBytes must not be negative: " + syncMaxBytes);
        }
        if (ratePerSecond < 0) {
            throw new IllegalArgumentException("ratePerSecond must not be negative: " + ratePerSecond);
        }
    }
}
