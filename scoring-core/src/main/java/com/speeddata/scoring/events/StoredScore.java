package com.speeddata.scoring.events;

import com.speeddata.scoring.Label;
import java.time.Instant;
import java.util.Objects;

/** One model's score of one event. An event keeps one per model: rescoring adds, never overwrites. */
public record StoredScore(EventId eventId, String modelSha, double score, Label label, Instant scoredAt) {
    public StoredScore {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(modelSha, "modelSha");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(scoredAt, "scoredAt");
        if (!(score >= -1 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [-1, 1], not " + score);
        }
    }
}
