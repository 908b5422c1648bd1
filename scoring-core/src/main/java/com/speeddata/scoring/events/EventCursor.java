package com.speeddata.scoring.events;

import java.time.Instant;
import java.util.Objects;

/** Where a page of events ended: events are ordered by publication time, then id. */
public record EventCursor(Instant publishedAt, EventId id) {
    public EventCursor {
        EpochNanos.require(Objects.requireNonNull(publishedAt, "publishedAt"), "publishedAt");
        Objects.requireNonNull(id, "id");
    }
}
