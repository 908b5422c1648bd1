package com.speeddata.export;

import java.time.Duration;
import java.util.Objects;

/**
 * The export limits of the contract's run settings, and the bounds on inline exports: how many run at once
 * ({@code syncMaxConcurrent}) and the sum of their estimates ({@code syncMaxInflightBytes}).
 */
public record ExportSettings(
        long syncMaxBytes,
        Duration syncTimeout,
        long exportMaxBytes,
        int syncMaxConcurrent,
        long syncMaxInflightBytes) {
    public ExportSettings {
        Objects.requireNonNull(syncTimeout, "syncTimeout");
        if (syncMaxBytes < 0) {
            throw new IllegalArgumentException("syncMaxBytes must not be negative: " + syncMaxBytes);
        }
        if (syncMaxConcurrent <= 0) {
            throw new IllegalArgumentException("syncMaxConcurrent must be positive: " + syncMaxConcurrent);
        }
        if (syncMaxInflightBytes <= 0) {
            throw new IllegalArgumentException("syncMaxInflightBytes must be positive: " + syncMaxInflightBytes);
        }
    }
}
