package com.speeddata.pivot.export;

import java.util.Locale;
import java.util.Optional;

/** The value of a grid cell without samples, from the nearest samples on either side; {@code none} leaves NaN. */
public enum Fill {
    LINEAR,
    PREVIOUS,
    NEAREST,
    NONE;

    public static Optional<Fill> parse(String text) {
        return Wire.parse(Fill.class, text);
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
