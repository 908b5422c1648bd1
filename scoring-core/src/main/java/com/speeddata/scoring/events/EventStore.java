package com.speeddata.scoring.events;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Out-port: stored headlines ({@code sentiment_events}) and their scores, one per (event, model). */
public interface EventStore {

    /**
     * Stores the events for the owner, all or nothing, giving ids to those without. Returns them in order.
     *
     * @throws EventIdConflictException when an id is already stored (for any owner)
     */
    List<SentimentEvent> add(String owner, List<NewEvent> events, Instant now);

    /** The owner's events with these ids, in the order asked; any id not found throws {@link UnknownEventsException}. */
    List<SentimentEvent> get(String owner, List<EventId> ids);

    /** A page of the owner's events matching the query, ordered by publication time then id. */
    EventPage find(EventQuery query);

    /** How many of the owner's events match the query's filters (its cursor and limit are ignored). */
    long count(EventQuery query);

    /** Stores scores; an (event, model) pair already scored keeps its first score. Returns how many were new. */
    int saveScores(List<StoredScore> scores);

    /** The score each event got from the model, for the events that have one. */
    Map<EventId, StoredScore> scores(Collection<EventId> events, String modelSha);

    /** Each event's most recent score from any model other than {@code exceptModelSha}, where there is one. */
    Map<EventId, StoredScore> latestScores(Collection<EventId> events, String exceptModelSha);
}
