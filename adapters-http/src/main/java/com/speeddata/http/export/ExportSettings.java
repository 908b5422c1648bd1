package com.speeddata.http.export;

import java.time.Duration;
import java.util.Objects;

/** The export limits of the contract's run settings. */
public record ExportSettings(long syncMaxBytes, Duration syncTimeout, long exportMaxBytes) {
    public ExportSettings {
        Objects.requireNonNull(syncTimeout, "syncTimeout");
        if (syncMaxBytes < 0) {
            throw new IllegalArgumentException("syncMaxBytes must not be negative: " + syncMaxBytes);
        }
    }
}
