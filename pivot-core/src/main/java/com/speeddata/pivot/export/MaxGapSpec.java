package com.speeddata.pivot.export;

import java.util.Map;

/**
 * The {@code max_gap} of every signal, with per-signal overrides keyed by {@code channel/signal}. A null value
 * means the contract's default, which depends on the signal and its stored samples ({@link GapLimit}).
 */
public record MaxGapSpec(Long defaultNs, Map<String, Long> perSignal) {
    public static final MaxGapSpec DEFAULT = new MaxGapSpec(null, Map.of());

    public MaxGapSpec {
        perSignal = Map.copyOf(perSignal);
        if (defaultNs != null && defaultNs <= 0) {
            throw new IllegalArgumentException("max_gap must be positive, not " + defaultNs + " ns");
        }
        perSignal.forEach((path, ns) -> {
            if (ns <= 0) {
                throw new IllegalArgumentException("max_gap of " + path + " must be positive, not " + ns + " ns");
            }
        });
    }

    /** The requested limit in ns, or null for the contract's default. */
    public Long forSignal(String path) {
        return perSignal.getOrDefault(path, defaultNs);
    }
}
