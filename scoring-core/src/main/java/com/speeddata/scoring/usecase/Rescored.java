package com.speeddata.scoring.usecase;

import com.speeddata.scoring.LabelChanges;
import com.speeddata.scoring.events.EventId;
import com.speeddata.scoring.events.StoredScore;
import java.util.List;
import java.util.Objects;

/** One event's new score and, when it had one, its most recent score from another model. */
public record Rescored(EventId eventId, StoredScore score, StoredScore previous) {
    public Rescored {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(score, "score");
    }

    /** The labels the new model moved from each event's previous score; events without one are not counted. */
    public static LabelChanges changes(List<Rescored> rescored) {
        LabelChanges changes = new LabelChanges();
        for (Rescored one : rescored) {
            if (one.previous() != null) {
                changes.add(one.previous().label(), one.score().label());
            }
        }
        return changes;
    }
}
