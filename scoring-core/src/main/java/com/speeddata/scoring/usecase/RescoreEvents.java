package com.speeddata.scoring.usecase;

import com.speeddata.scoring.Score;
import com.speeddata.scoring.events.EventId;
import com.speeddata.scoring.events.EventPage;
import com.speeddata.scoring.events.EventQuery;
import com.speeddata.scoring.events.EventStore;
import com.speeddata.scoring.events.SentimentEvent;
import com.speeddata.scoring.events.StoredScore;
import com.speeddata.scoring.model.Model;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Use case: score stored events again with a (new) model, synchronously and capped. The new score is added to
 * the event's history; the answer shows each event's previous score from another model beside it.
 */
public final class RescoreEvents {
    private final EventStore events;
    private final Clock clock;
    private final int maxEvents;

    public RescoreEvents(EventStore events, Clock clock, int maxEvents) {
        this.events = events;
        this.clock = clock;
        this.maxEvents = maxEvents;
    }

    public List<Rescored> rescore(String owner, Model model, List<EventId> ids) {
        if (ids.size() > maxEvents) {
            throw new TooManyItemsException("events", ids.size(), maxEvents);
        }
        return rescoreEvents(owner, model, events.get(owner, ids));
    }

    /** The owner's events a selection matches; more than the cap throws before anything is scored. */
    public List<Rescored> rescore(Model model, EventQuery selection) {
        EventPage page = events.find(new EventQuery(
                selection.owner(),
                selection.ticker(),
                selection.from(),
                selection.to(),
                selection.unscoredBy(),
                null,
                maxEvents + 1));
        if (page.events().size() > maxEvents) {
            throw new TooManyItemsException("events (or more)", page.events().size(), maxEvents);
        }
        return rescoreEvents(selection.owner(), model, page.events());
    }

    private List<Rescored> rescoreEvents(String owner, Model model, List<SentimentEvent> chosen) {
        List<EventId> ids = chosen.stream().map(SentimentEvent::id).toList();
        Map<EventId, StoredScore> previous = events.latestScores(owner, ids, model.sha());
        List<StoredScore> scores = new ArrayList<>(chosen.size());
        for (SentimentEvent event : chosen) {
            Score score = model.score(event.headline());
            scores.add(new StoredScore(event.id(), model.sha(), score.score(), score.label(), clock.instant()));
        }
        events.saveScores(owner, scores);
        List<Rescored> results = new ArrayList<>(scores.size());
        for (StoredScore score : scores) {
            results.add(new Rescored(score.eventId(), score, previous.get(score.eventId())));
        }
        return results;
    }

    public int maxEvents() {
        return maxEvents;
    }
}
