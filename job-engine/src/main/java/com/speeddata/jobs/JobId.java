package com.speeddata.jobs;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A job's id: a UUID, chosen by the server or, for idempotent batch jobs, by the caller. */
public record JobId(UUID value) {
    public JobId {
        Objects.requireNonNull(value, "value");
    }

    public static JobId random() {
        return new JobId(UUID.randomUUID());
    }

    /** Parses the canonical 8-4-4-4-12 form only; anything else is empty. */
    public static Optional<JobId> parse(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            UUID uuid = UUID.fromString(text);
            return uuid.toString().equalsIgnoreCase(text) ? Optional.of(new JobId(uuid)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
