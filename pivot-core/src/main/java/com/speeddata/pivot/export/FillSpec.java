package com.speeddata.pivot.export;

import java.util.Map;
import java.util.Objects;

/** The fill for every signal, with per-signal overrides keyed by {@code channel/signal}. */
public record FillSpec(Fill defaultFill, Map<String, Fill> perSignal) {
    public static final FillSpec DEFAULT = new FillSpec(Fill.LINEAR, Map.of());

    public FillSpec {
        Objects.requireNonNull(defaultFill, "defaultFill");
        perSignal = Map.copyOf(perSignal);
    }

    public Fill forSignal(String path) {
        return perSignal.getOrDefault(path, defaultFill);
    }
}
