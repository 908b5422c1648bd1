package com.speeddata.pivot.export;

import java.util.Locale;
import java.util.Optional;

/** {@code aligned}: every signal on one time grid. {@code raw}: every stored sample with its own time. */
public enum Layout {
    ALIGNED,
    RAW;

    public static Optional<Layout> parse(String text) {
        return Wire.parse(Layout.class, text);
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
