package com.speeddata.scoring.events;

import java.time.Instant;
import java.util.Objects;

/** An event to store; a null id lets the store choose one. Its instant fits int64 nanoseconds ({@link EpochNanos}). */
public record NewEvent(EventId id, String ticker, String headline, Instant publishedAt) {
    public NewEvent {
        if (!Headlines.isTicker(ticker)) {
            throw new IllegalArgumentException("ticker '" + ticker + "' does not match " + Headlines.TICKER_RULE);
        }
        String problem = Headlines.problem(headline);
        if (problem != null) {
            throw new IllegalArgumentException("headline " + problem);
        }
        EpochNanos.require(Objects.requireNonNull(publishedAt, "publishedAt"), "publishedAt");
    }
}
