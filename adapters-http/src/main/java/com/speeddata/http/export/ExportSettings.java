package com.speeddata.http.export;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The export limits of the contract's run settings.
 *
 * @param scratchDir where inline exports are written before they are sent, then deleted
 */
public record ExportSettings(long syncMaxBytes, Duration syncTimeout, Path scratchDir) {
    public ExportSettings {
        Objects.requireNonNull(syncTimeout, "syncTimeout");
        Objects.requireNonNull(scratchDir, "scratchDir");
        if (syncMaxBytes < 0) {
            throw new IllegalArgumentException("syncMaxBytes must not be negative: " + syncMaxBytes);
        }
    }
}
