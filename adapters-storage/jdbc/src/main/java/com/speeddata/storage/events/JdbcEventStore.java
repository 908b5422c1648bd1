package com.speeddata.storage.events;

import com.speeddata.scoring.events.EventId;
import com.speeddata.scoring.events.EventIdConflictException;
import com.speeddata.scoring.events.EventPage;
import com.speeddata.scoring.events.EventQuery;
import com.speeddata.scoring.events.EventStore;
import com.speeddata.scoring.events.NewEvent;
import com.speeddata.scoring.events.SentimentEvent;
import com.speeddata.scoring.events.StoredScore;
import com.speeddata.scoring.events.UnknownEventsException;
import com.speeddata.storage.Database;
import com.speeddata.storage.Dialect;
import com.speeddata.storage.Jdbc;
import com.speeddata.storage.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Sentiment events ({@code sentiment_event}) on PostgreSQL or H2. Pages of them come from {@link EventFinder}, their
 * scores live in {@link ScoreTable}. Every row belongs to one owner: both tables' keys include it (an event is
 * {@code (id, owner)}, a score {@code (event_id, owner, model_sha)}; the id first, see migration V8), and every
 * statement names it.
 *
 * <p>Publication times are kept to the nanosecond, and ids order as unsigned numbers (how both databases compare UUIDs),
 * as the reference store {@code InMemoryEventStore} does.
 */
public final class JdbcEventStore implements EventStore {
    private static final MultiRowInsert<Row> INSERT = new MultiRowInsert<>(
            "INSERT INTO sentiment_event " + "(id, owner, ticker, headline, published_ns, created_at) VALUES",
            6,
            "",
            (statement, first, row) -> {
                statement.setObject(first, row.event.id().value());
                statement.setString(first + 1, row.event.owner());
                statement.setString(first + 2, row.event.ticker());
                statement.setString(first + 3, row.event.headline());
                EventRows.setPublished(statement, first + 4, row.event.publishedAt());
                EventRows.set(statement, first + 5, row.createdAt);
            });

    /**
     * How long {@code add} keeps trying while another transaction holds one of its ids uncommitted (H2 refuses
     * such an insert at once instead of waiting). Such transactions are other requests' adds: milliseconds.
     */
    static final Duration RACE_RETRY = Duration.ofSeconds(2);

    private final DataSource dataSource;
    private final EventFinder finder;
    private final ScoreTable scores;

    public JdbcEventStore(Database database) {
        this.dataSource = database.dataSource();
        this.finder = new EventFinder(dataSource, database.dialect());
        this.scores = new ScoreTable(dataSource);
    }

    private record Row(SentimentEvent event, Instant createdAt) {}

    @Override
    public List<SentimentEvent> add(String owner, List<NewEvent> events, Instant now) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(now, "now");
        List<Row> rows = new ArrayList<>(events.size());
        Set<EventId> ids = new HashSet<>();
        for (NewEvent event : events) {
            EventId id = event.id() == null ? EventId.random() : event.id();
            if (!ids.add(id)) {
                throw new IllegalArgumentException("event id " + id + " appears more than once in the request");
            }
            rows.add(
                    new Row(new SentimentEvent(id, owner, event.ticker(), event.headline(), event.publishedAt()), now));
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        List<EventId> requested = rows.stream().map(r -> r.event.id()).toList();
        List<Row> inKeyOrder = new ArrayList<>(rows);
        // Rows go in in the databases' key order, so that two transactions writing some of the same keys take their
        // index locks in the same order and cannot deadlock.
        inKeyOrder.sort(Comparator.comparing(r -> r.event.id(), EventId.ORDER));
        String what = "storing " + rows.size() + " events";
        long retryUntil = System.nanoTime() + RACE_RETRY.toNanos();
        for (long pause = 5; ; pause = Math.min(2 * pause, 100)) {
            try {
                Jdbc.inTransaction(dataSource, what, connection -> {
                    List<EventId> taken = stored(connection, owner, requested);
                    if (!taken.isEmpty()) {
                        throw new EventIdConflictException(taken);
                    }
                    return INSERT.insert(connection, inKeyOrder);
                });
                return rows.stream().map(Row::event).toList();
            } catch (StoreException e) {
                if (!Dialect.UNIQUE_VIOLATION.equals(e.sqlState())) {
                    throw e;
                }
                // Another request of this owner inserted one of these ids after our check. Once it committed, the ids
                // it took
                // are visible: the same answer as when the check had seen them.
                List<EventId> taken = Jdbc.withConnection(dataSource, what, c -> stored(c, owner, requested));
                if (!taken.isEmpty()) {
                    EventIdConflictException conflict = new EventIdConflictException(taken);
                    conflict.initCause(e);
                    throw conflict;
                }
                // Not committed yet: PostgreSQL makes the insert wait for the other transaction, H2 refuses it at
                // once. Try again until that transaction committed (a conflict) or rolled back (we store ours).
                if (System.nanoTime() > retryUntil) {
                    throw e;
                }
                pause(pause, e);
            }
        }
    }

    private static void pause(long millis, StoreException failure) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            failure.addSuppressed(interrupted);
            throw failure;
        }
    }

    /** Those of the ids (in their order) the owner has stored. */
    private static List<EventId> stored(Connection connection, String owner, List<EventId> ids) throws SQLException {
        Set<UUID> found = EventIds.stored(connection, owner, ids);
        return ids.stream().filter(id -> found.contains(id.value())).toList();
    }

    @Override
    public List<SentimentEvent> get(String owner, List<EventId> ids) {
        Objects.requireNonNull(owner, "owner");
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<EventId, SentimentEvent> found =
                Jdbc.withConnection(dataSource, "reading " + ids.size() + " events", connection -> {
                    Map<EventId, SentimentEvent> events = new HashMap<>();
                    try (PreparedStatement select = connection.prepareStatement("SELECT " + EventRows.EVENT_COLUMNS
                            + " FROM sentiment_event WHERE id" + EventIds.OWNED_ANY)) {
                        EventIds.bindOwned(connection, select, 1, owner, ids);
                        try (ResultSet rows = select.executeQuery()) {
                            while (rows.next()) {
                                SentimentEvent event = EventRows.event(rows);
                                events.put(event.id(), event);
                            }
                        }
                    }
                    return events;
                });
        List<SentimentEvent> events = new ArrayList<>(ids.size());
        Set<EventId> missing = new LinkedHashSet<>();
        for (EventId id : ids) {
            SentimentEvent event = found.get(id);
            if (event == null) {
                missing.add(id);
            } else {
                events.add(event);
            }
        }
        if (!missing.isEmpty()) {
            throw new UnknownEventsException(List.copyOf(missing));
        }
        return events;
    }

    @Override
    public EventPage find(EventQuery query) {
        return finder.find(query);
    }

    @Override
    public long count(EventQuery query) {
        return finder.count(query);
    }

    @Override
    public int saveScores(String owner, List<StoredScore> scores) {
        return this.scores.save(Objects.requireNonNull(owner, "owner"), scores);
    }

    @Override
    public Map<EventId, StoredScore> scores(String owner, Collection<EventId> events, String modelSha) {
        return scores.byModel(Objects.requireNonNull(owner, "owner"), events, modelSha);
    }

    @Override
    public Map<EventId, StoredScore> latestScores(String owner, Collection<EventId> events, String exceptModelSha) {
        return scores.latestExcept(Objects.requireNonNull(owner, "owner"), events, exceptModelSha);
    }

    @Override
    public Map<EventId, List<StoredScore>> history(String owner, Collection<EventId> events) {
        return scores.history(Objects.requireNonNull(owner, "owner"), events);
    }
}
