package com.speeddata.scoring.events;

import com.speeddata.scoring.ScoringException;
import java.util.List;

/** No event with these ids is visible to the caller (HTTP 404); lists every missing id. */
public final class UnknownEventsException extends ScoringException {
    private final List<EventId> ids;

    public UnknownEventsException(List<EventId> ids) {
        super("unknown event ids: " + ids);
        this.ids = List.copyOf(ids);
    }

    public List<EventId> ids() {
        return ids;
    }
}
