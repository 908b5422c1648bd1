package com.speeddata.scoring.events;

import java.time.Instant;
import java.util.Objects;

/** A stored headline about one ticker, owned by the caller who stored it. */
public record SentimentEvent(EventId id, String owner, String ticker, String headline, Instant publishedAt) {
    public SentimentEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(ticker, "ticker");
        Objects.requireNonNull(headline, "headline");
        EpochNanos.require(Objects.requireNonNull(publishedAt, "publishedAt"), "publishedAt");
    }
}
