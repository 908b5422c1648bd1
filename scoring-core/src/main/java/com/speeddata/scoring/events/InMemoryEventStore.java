package com.speeddata.scoring.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The reference event store: synchronized maps, in main code so that an embedder's unit tests can use it instead of a
 * database. Every database adapter must behave like this, including the two
 * rules the port leaves to the stores:
 * <ul>
 *   <li>A stored event's {@code publishedAt} keeps its nanoseconds; a stored score's {@code scoredAt} is truncated to
 *       microseconds (the databases' timestamp precision).</li>
 *   <li>Ids are ordered as unsigned 128-bit numbers, the byte order PostgreSQL and H2 compare UUIDs in (Java's
 *       {@link java.util.UUID#compareTo} compares signed halves and would disagree for ids with a high bit set).</li>
 * </ul>
 * The most recent score among several with the same {@code scoredAt} is the one with the smallest model SHA.
 * Everything is kept per owner: events and scores are found by (owner, event id), never by the id alone.
 */
public final class InMemoryEventStore implements EventStore {
    /** The order of {@link EventStore#find}: publication time, then id as an unsigned number. */
    public static final Comparator<SentimentEvent> ORDER =
            Comparator.comparing(SentimentEvent::publishedAt).thenComparing(SentimentEvent::id, EventId.ORDER);

    private final Map<Key, SentimentEvent> events = new HashMap<>();
    private final Map<Key, Map<String, StoredScore>> scores = new HashMap<>();
    private final Map<Key, Instant> storedAt = new HashMap<>();

    /** An event of one owner. */
    private record Key(String owner, EventId id) {
        Key {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(id, "id");
        }
    }

    @Override
    public synchronized List<SentimentEvent> add(String owner, List<NewEvent> batch, Instant now) {
        List<SentimentEvent> added = new ArrayList<>(batch.size());
        Set<EventId> seen = new HashSet<>();
        List<EventId> taken = new ArrayList<>();
        for (NewEvent event : batch) {
            EventId id = event.id() == null ? EventId.random() : event.id();
            if (!seen.add(id)) {
                throw new IllegalArgumentException("event id " + id + " appears more than once in the request");
            }
            if (events.containsKey(new Key(owner, id))) {
                taken.add(id);
            }
            added.add(new SentimentEvent(id, owner, event.ticker(), event.headline(), event.publishedAt()));
        }
        if (!taken.isEmpty()) {
            throw new EventIdConflictException(taken);
        }
        added.forEach(e -> events.put(new Key(owner, e.id()), e));
        added.forEach(e -> storedAt.put(new Key(owner, e.id()), micros(now)));
        return List.copyOf(added);
    }

    @Override
    public synchronized List<SentimentEvent> get(String owner, List<EventId> ids) {
        List<SentimentEvent> found = new ArrayList<>(ids.size());
        Set<EventId> missing = new LinkedHashSet<>();
        for (EventId id : ids) {
            SentimentEvent event = events.get(new Key(owner, id));
            if (event == null) {
                missing.add(id);
            } else {
                found.add(event);
            }
        }
        if (!missing.isEmpty()) {
            throw new UnknownEventsException(List.copyOf(missing));
        }
        return List.copyOf(found);
    }

    @Override
    public synchronized long count(EventQuery query) {
        return find(query.after(null).withLimit(Integer.MAX_VALUE - 1)).events().size();
    }

    @Override
    public synchronized EventPage find(EventQuery query) {
        List<SentimentEvent> matching = events.values().stream()
                .filter(e -> e.owner().equals(query.owner()))
                .filter(e -> query.ticker() == null || e.ticker().equals(query.ticker()))
                .filter(e -> query.from() == null || !e.publishedAt().isBefore(query.from()))
                .filter(e -> query.to() == null || e.publishedAt().isBefore(query.to()))
                .filter(e -> query.asOf() == null
                        || !storedAt.get(new Key(e.owner(), e.id())).isAfter(query.asOf()))
                .filter(e -> query.unscoredBy() == null || !scoredBefore(query, e.id()))
                .filter(e -> query.after() == null || ORDER.compare(e, cursorEvent(query.after())) > 0)
                .sorted(ORDER)
                .limit((long) query.limit() + 1)
                .toList();
        if (matching.size() <= query.limit()) {
            return new EventPage(matching, null);
        }
        List<SentimentEvent> page = matching.subList(0, query.limit());
        SentimentEvent last = page.get(page.size() - 1);
        return new EventPage(page, new EventCursor(last.publishedAt(), last.id()));
    }

    /** True when the query's model scored the event (before the query's {@code asOf}, when it has one). */
    private boolean scoredBefore(EventQuery query, EventId id) {
        StoredScore score = scoresOf(query.owner(), id).get(query.unscoredBy());
        return score != null && (query.asOf() == null || score.scoredAt().isBefore(query.asOf()));
    }

    private static SentimentEvent cursorEvent(EventCursor cursor) {
        return new SentimentEvent(cursor.id(), "", "", "", cursor.publishedAt());
    }

    @Override
    public synchronized int saveScores(String owner, List<StoredScore> batch) {
        Objects.requireNonNull(owner, "owner");
        Set<EventId> missing = new LinkedHashSet<>();
        for (StoredScore score : batch) {
            if (!events.containsKey(new Key(owner, score.eventId()))) {
                missing.add(score.eventId());
            }
        }
        if (!missing.isEmpty()) {
            throw new UnknownEventsException(List.copyOf(missing));
        }
        int added = 0;
        for (StoredScore score : batch) {
            StoredScore stored = new StoredScore(
                    score.eventId(), score.modelSha(), score.score(), score.label(), micros(score.scoredAt()));
            Map<String, StoredScore> byModel =
                    scores.computeIfAbsent(new Key(owner, score.eventId()), key -> new HashMap<>());
            if (byModel.putIfAbsent(score.modelSha(), stored) == null) {
                added++;
            }
        }
        return added;
    }

    @Override
    public synchronized Map<EventId, StoredScore> scores(String owner, Collection<EventId> ids, String modelSha) {
        Map<EventId, StoredScore> found = new LinkedHashMap<>();
        for (EventId id : ids) {
            StoredScore score = scoresOf(owner, id).get(modelSha);
            if (score != null) {
                found.put(id, score);
            }
        }
        return Collections.unmodifiableMap(found);
    }

    @Override
    public synchronized Map<EventId, StoredScore> latestScores(
            String owner, Collection<EventId> ids, String exceptModelSha) {
        Comparator<StoredScore> latestFirst =
                Comparator.comparing(StoredScore::scoredAt).reversed().thenComparing(StoredScore::modelSha);
        Map<EventId, StoredScore> found = new LinkedHashMap<>();
        for (EventId id : ids) {
            scoresOf(owner, id).values().stream()
                    .filter(s -> !s.modelSha().equals(exceptModelSha))
                    .min(latestFirst)
                    .ifPresent(s -> found.put(id, s));
        }
        return Collections.unmodifiableMap(found);
    }

    @Override
    public synchronized Map<EventId, List<StoredScore>> history(String owner, Collection<EventId> ids) {
        Comparator<StoredScore> oldestFirst =
                Comparator.comparing(StoredScore::scoredAt).thenComparing(StoredScore::modelSha);
        Map<EventId, List<StoredScore>> found = new LinkedHashMap<>();
        for (EventId id : ids) {
            List<StoredScore> history =
                    scoresOf(owner, id).values().stream().sorted(oldestFirst).toList();
            if (!history.isEmpty()) {
                found.put(id, history);
            }
        }
        return Collections.unmodifiableMap(found);
    }

    private Map<String, StoredScore> scoresOf(String owner, EventId id) {
        return scores.getOrDefault(new Key(owner, id), Map.of());
    }

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
