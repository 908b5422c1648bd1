package com.speeddata.pivot.catalog;

import java.util.Objects;

/** A signal's definition together with what is stored of it. */
public record SignalInfo(SignalDefinition definition, SignalStats stats) {
    public SignalInfo {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(stats, "stats");
    }

    public SignalKey key() {
        return definition.key();
    }
}
