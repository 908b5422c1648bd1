package com.speeddata.pivot.export;

import com.speeddata.pivot.catalog.SignalInfo;
import com.speeddata.pivot.catalog.SignalKey;
import java.util.Objects;

/**
 * One signal of a planned export, with the fill, aggregate and gap limit that apply to it.
 *
 * @param maxGapNs the requested {@code max_gap} in ns, or null for the contract's default ({@link GapLimit})
 */
public record ExportColumn(SignalInfo signal, Fill fill, Aggregate aggregate, Long maxGapNs) {
    public ExportColumn {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(fill, "fill");
        Objects.requireNonNull(aggregate, "aggregate");
        if (maxGapNs != null && maxGapNs <= 0) {
            throw new IllegalArgumentException("max_gap must be positive, not " + maxGapNs + " ns");
        }
    }

    /** A column with the contract's default gap limit. */
    public ExportColumn(SignalInfo signal, Fill fill, Aggregate aggregate) {
        this(signal, fill, aggregate, null);
    }

    public SignalKey key() {
        return signal.key();
    }
}
