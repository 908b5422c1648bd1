package com.speeddata.scoring.events;

import com.speeddata.scoring.ScoringException;
import java.util.List;

/** Events with these ids are already stored (HTTP 409); none of the request's events were stored. */
public final class EventIdConflictException extends ScoringException {
    private final List<EventId> ids;

    public EventIdConflictException(List<EventId> ids) {
        super("events already stored with id " + ids);
        this.ids = List.copyOf(ids);
    }

    public List<EventId> ids() {
        return ids;
    }
}
