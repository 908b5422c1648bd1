package com.speeddata.pivot.export;

import com.speeddata.pivot.catalog.SignalInfo;
import com.speeddata.pivot.catalog.SignalKey;

import java.util.Objects;

/** One signal of a planned export, with the fill and aggregate that apply to it. */
public record ExportColumn(SignalInfo signal, Fill fill, Aggregate aggregate) {
    public ExportColumn {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(fill, "fill");
        Objects.requireNonNull(aggregate, "aggregate");
    }

    public SignalKey key() {
        return signal.key();
    }
}
