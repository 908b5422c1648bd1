package com.speeddata.scoring.events;

import java.time.Instant;
import java.util.Objects;

/** An event to store; a null id lets the store choose one. */
public record NewEvent(EventId id, String ticker, String headline, Instant publishedAt) {
    public NewEvent {
        if (!Headlines.isTicker(ticker)) {
            throw new IllegalArgumentException("ticker '" + ticker + "' does not match " + Headlines.TICKER_RULE);
        }
        String problem = Headlines.problem(headline);
        if (problem != null) {
            throw new IllegalArgumentException("headline " + problem);
        }
        Objects.requireNonNull(publishedAt, "publishedAt");
    }
}
