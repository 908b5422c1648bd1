package com.speeddata.scoring.events;

import java.util.List;

/** A page of events; {@code next} is null on the last page. */
public record EventPage(List<SentimentEvent> events, EventCursor next) {
    public EventPage {
        events = List.copyOf(events);
    }
}
