package com.speeddata.pivot.export;

import java.util.Locale;
import java.util.Optional;

/** Where an export runs: chosen by size ({@code auto}), always inline, or always as a job. */
public enum Execution {
    AUTO,
    SYNC,
    ASYNC;

    public static Optional<Execution> parse(String text) {
        return Wire.parse(Execution.class, text);
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
