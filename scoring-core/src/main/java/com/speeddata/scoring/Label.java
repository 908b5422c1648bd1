package com.speeddata.scoring;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The three sentiment classes. On the wire they are lower-case: {@code positive}, {@code negative}, {@code neutral}. */
public enum Label {
    POSITIVE("positive"),
    NEGATIVE("negative"),
    NEUTRAL("neutral");

    private static final List<String> WIRE_NAMES =
            Arrays.stream(values()).map(Label::wireName).toList();

    private final String wireName;

    Label(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Parses a wire name; exact and lower-case only. */
    public static Optional<Label> fromWireName(String text) {
        for (Label label : values()) {
            if (label.wireName.equals(text)) {
                return Optional.of(label);
            }
        }
        return Optional.empty();
    }

    /** The accepted wire names, for error messages. */
    public static List<String> wireNames() {
        return WIRE_NAMES;
    }
}
