package com.speeddata.scoring.events;

import java.time.Instant;
import java.util.Objects;

/**
 * Which of an owner's events to list: optionally one ticker, a half-open publication range {@code [from, to)},
 * only those without a score from a model ({@code unscoredBy}), after a cursor; at most {@code limit}.
 */
public record EventQuery(String owner, String ticker, Instant from, Instant to, String unscoredBy, EventCursor after,
                         int limit) {
    public EventQuery {
        Objects.requireNonNull(owner, "owner");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, not " + limit);
        }
        if (from != null) {
            EpochNanos.require(from, "from");
        }
        if (to != null) {
            EpochNanos.require(to, "to");
        }
        if (from != null && to != null && !to.isAfter(from)) {
            throw new IllegalArgumentException("to " + to + " is not after from " + from);
        }
    }

    public EventQuery after(EventCursor cursor) {
        return new EventQuery(owner, ticker, from, to, unscoredBy, cursor, limit);
    }
}
