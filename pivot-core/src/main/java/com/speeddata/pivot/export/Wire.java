package com.speeddata.pivot.export;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The one rule for reading and listing the request's enum values: lower-case names on the wire. */
public final class Wire {
    private Wire() {}

    static <E extends Enum<E>> Optional<E> parse(Class<E> type, String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (E value : type.getEnumConstants()) {
            if (value.name().toLowerCase(Locale.ROOT).equals(text)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** The accepted wire names of an enum, for error messages. */
    public static <E extends Enum<E>> List<String> names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .toList();
    }
}
