package com.speeddata.scoring.usecase;

import com.speeddata.scoring.events.EventId;
import com.speeddata.scoring.events.StoredScore;

import java.util.Objects;

/** One event's new score and, when it had one, its most recent score from another model. */
public record Rescored(EventId eventId, StoredScore score, StoredScore previous) {
    public Rescored {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(score, "score");
    }
}
