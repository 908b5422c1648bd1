package com.speeddata.pivot.export;

import java.util.Locale;
import java.util.Optional;

/** How the samples inside one grid cell {@code [t, t + interval)} become one value. */
public enum Aggregate {
    MEAN,
    MIN,
    MAX,
    FIRST,
    LAST;

    public static Optional<Aggregate> parse(String text) {
        return Wire.parse(Aggregate.class, text);
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
