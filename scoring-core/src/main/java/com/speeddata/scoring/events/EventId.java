package com.speeddata.scoring.events;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A sentiment event's id: a UUID, given by the caller or by the server. */
public record EventId(UUID value) {
    /**
     * Ids as unsigned 128-bit numbers, byte by byte: the order of the databases' UUID columns, and the tie-break of
     * every event listing.
     */
    public static final Comparator<EventId> ORDER = (a, b) -> {
        int high = Long.compareUnsigned(
                a.value().getMostSignificantBits(), b.value().getMostSignificantBits());
        return high != 0
                ? high
                : Long.compareUnsigned(
                        a.value().getLeastSignificantBits(), b.value().getLeastSignificantBits());
    };

    public EventId {
        Objects.requireNonNull(value, "value");
    }

    public static EventId random() {
        return new EventId(UUID.randomUUID());
    }

    /** The canonical 8-4-4-4-12 form only. */
    public static Optional<EventId> parse(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            UUID uuid = UUID.fromString(text);
            return uuid.toString().equalsIgnoreCase(text) ? Optional.of(new EventId(uuid)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
