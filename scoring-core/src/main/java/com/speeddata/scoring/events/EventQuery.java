package com.speeddata.scoring.events;

import java.time.Instant;
import java.util.Objects;

/**
 * Which of an owner's events to list: optionally one ticker, a half-open publication range {@code [from, to)},
 * only those without a score from a model ({@code unscoredBy}), after a cursor; at most {@code limit}.
 *
 * <p>{@code asOf}, when set, asks for the set as it stood at that instant: only events stored by then, and
 * {@code unscoredBy} counts only scores saved before it. A scoring batch over a selection uses its acceptance time,
 * so that the events it scores itself (or events stored later) never change what a retried attempt covers.
 */
public record EventQuery(
        String owner,
        String ticker,
        Instant from,
        Instant to,
        String unscoredBy,
        EventCursor after,
        int limit,
        Instant asOf) {
    /** The events as they are now. */
    public EventQuery(
            String owner, String ticker, Instant from, Instant to, String unscoredBy, EventCursor after, int limit) {
        this(owner, ticker, from, to, unscoredBy, after, limit, null);
    }

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
        return new EventQuery(owner, ticker, from, to, unscoredBy, cursor, limit, asOf);
    }

    /** The same filters over the set as it stood at {@code instant}. */
    public EventQuery asOf(Instant instant) {
        return new EventQuery(owner, ticker, from, to, unscoredBy, after, limit, instant);
    }

    /** The same query, {@code size} events a page. */
    public EventQuery withLimit(int size) {
        return new EventQuery(owner, ticker, from, to, unscoredBy, after, size, asOf);
    }
}
