package com.speeddata.scoring.events;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Out-port: stored headlines ({@code sentiment_events}) and their scores, one per (event, model).
 *
 * <p>Everything stored belongs to one owner (the tenant), and every method takes it: an event id is unique per
 * owner, and another owner's event behaves exactly as one that does not exist (it is not found, it has no scores,
 * its id is free). {@link EventQuery} carries its owner.
 */
public interface EventStore {

    /**
     * Stores the events for the owner, all or nothing, giving ids to those without. Returns them in order.
     *
     * @throws EventIdConflictException when the owner already has an event with one of the ids (another owner's
     *                                  event with the same id is no conflict)
     */
    List<SentimentEvent> add(String owner, List<NewEvent> events, Instant now);

    /** The owner's events with these ids, in the order asked; any id not found throws {@link UnknownEventsException}. */
    List<SentimentEvent> get(String owner, List<EventId> ids);

    /** A page of the owner's events matching the query, ordered by publication time then id. */
    EventPage find(EventQuery query);

    /** How many of the owner's events match the query's filters (its cursor and limit are ignored). */
    long count(EventQuery query);

    /**
     * Stores scores of the owner's events; an (event, model) pair already scored keeps its first score. Returns how
     * many were new.
     *
     * @throws UnknownEventsException when an event is not the owner's; then none of the scores is saved
     */
    int saveScores(String owner, List<StoredScore> scores);

    /** The score each of the owner's events got from the model, for the events that have one. */
    Map<EventId, StoredScore> scores(String owner, Collection<EventId> events, String modelSha);

    /** Each of the owner's events' most recent score from any model other than {@code exceptModelSha}, if any. */
    Map<EventId, StoredScore> latestScores(String owner, Collection<EventId> events, String exceptModelSha);

    /**
     * Every score of each of the owner's events (one per model: its score history), oldest first, ties by model
     * SHA; an event with no score, or not the owner's, is absent.
     */
    Map<EventId, List<StoredScore>> history(String owner, Collection<EventId> events);
}
