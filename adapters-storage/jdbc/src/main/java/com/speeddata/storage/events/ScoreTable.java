package com.speeddata.storage.events;

import com.speeddata.scoring.events.EventId;
import com.speeddata.scoring.events.StoredScore;
import com.speeddata.scoring.events.UnknownEventsException;
import com.speeddata.storage.Jdbc;
import com.speeddata.storage.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The scores of events ({@code sentiment_score}): one row per (event, owner, model), never overwritten. The
 * foreign key {@code (event_id, owner)} refuses a score of an event the owner does not have.
 */
final class ScoreTable {
    /** Integrity constraint violations (SQLState class 23) other than a unique key: here, a missing event. */
    private static final String INTEGRITY_CLASS = "23";

    private static final MultiRowInsert<OwnedScore> INSERT = new MultiRowInsert<>(
            "INSERT INTO sentiment_score " + "(owner, event_id, model_sha, score, label, scored_at) VALUES",
            6,
            // No conflict target: H2 accepts ON CONFLICT DO NOTHING only without one. The primary key is the
            // only unique constraint, so it means the same on both databases: the first score stays.
            "ON CONFLICT DO NOTHING",
            (statement, first, row) -> {
                StoredScore score = row.score();
                statement.setString(first, row.owner());
                statement.setObject(first + 1, score.eventId().value());
                statement.setString(first + 2, score.modelSha());
                statement.setDouble(first + 3, score.score());
                statement.setString(first + 4, score.label().wireName());
                EventRows.set(statement, first + 5, score.scoredAt());
            });

    /** A score as a row: with the owner of its event. */
    private record OwnedScore(String owner, StoredScore score) {}

    private final DataSource dataSource;

    ScoreTable(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    int save(String owner, List<StoredScore> scores) {
        if (scores.isEmpty()) {
            return 0;
        }
        String what = "storing " + scores.size() + " scores";
        List<OwnedScore> inKeyOrder = new ArrayList<>(scores.size());
        scores.forEach(score -> inKeyOrder.add(new OwnedScore(owner, score)));
        // Stable: of two scores of one (event, model), the first asked still comes first, and stays.
        inKeyOrder.sort(Comparator.comparing((OwnedScore row) -> row.score().eventId(), EventId.ORDER)
                .thenComparing(row -> row.score().modelSha()));
        try {
            return Jdbc.inTransaction(dataSource, what, connection -> INSERT.insert(connection, inKeyOrder));
        } catch (StoreException e) {
            // The foreign key refused a score of an event the owner has not stored (23503 on PostgreSQL, 23506 on
            // H2).
            if (e.sqlState() != null && e.sqlState().startsWith(INTEGRITY_CLASS)) {
                List<EventId> missing = Jdbc.withConnection(dataSource, what, c -> missing(c, owner, scores));
                if (!missing.isEmpty()) {
                    UnknownEventsException unknown = new UnknownEventsException(missing);
                    unknown.initCause(e);
                    throw unknown;
                }
            }
            throw e;
        }
    }

    private static List<EventId> missing(Connection connection, String owner, List<StoredScore> scores)
            throws SQLException {
        Set<EventId> ids = new LinkedHashSet<>();
        scores.forEach(s -> ids.add(s.eventId()));
        Set<UUID> found = EventIds.stored(connection, owner, ids);
        return ids.stream().filter(id -> !found.contains(id.value())).toList();
    }

    Map<EventId, StoredScore> byModel(String owner, Collection<EventId> events, String modelSha) {
        return one(read(
                owner,
                events,
                "reading scores",
                "SELECT " + EventRows.SCORE_COLUMNS + " FROM sentiment_score WHERE event_id" + EventIds.OWNED_ANY
                        + " AND model_sha = ?",
                modelSha));
    }

    /** The most recent by {@code scored_at}; between equal times, the smallest model SHA (byte order). */
    Map<EventId, StoredScore> latestExcept(String owner, Collection<EventId> events, String exceptModelSha) {
        return one(read(
                owner,
                events,
                "reading latest scores",
                "SELECT DISTINCT ON (event_id) "
                        + EventRows.SCORE_COLUMNS + " FROM sentiment_score WHERE event_id" + EventIds.OWNED_ANY
                        + " AND model_sha <> ? ORDER BY event_id, scored_at DESC, model_sha",
                exceptModelSha));
    }

    /** Every score of each event, oldest first; between equal times, the smallest model SHA first. */
    Map<EventId, List<StoredScore>> history(String owner, Collection<EventId> events) {
        return read(
                owner,
                events,
                "reading score histories",
                "SELECT " + EventRows.SCORE_COLUMNS
                        + " FROM sentiment_score WHERE event_id" + EventIds.OWNED_ANY
                        + " ORDER BY event_id, scored_at, model_sha",
                null);
    }

    private static Map<EventId, StoredScore> one(Map<EventId, List<StoredScore>> scores) {
        Map<EventId, StoredScore> first = new LinkedHashMap<>();
        scores.forEach((id, list) -> first.put(id, list.get(0)));
        return Collections.unmodifiableMap(first);
    }

    /**
     * Runs a query of the owner's scores by event ids and, when not null, one model SHA; the answer follows the
     * order of {@code events}, each event's scores in the order the query gives them.
     */
    private Map<EventId, List<StoredScore>> read(
            String owner, Collection<EventId> events, String what, String sql, String modelSha) {
        if (events.isEmpty()) {
            return Map.of();
        }
        Map<EventId, List<StoredScore>> found = Jdbc.withConnection(dataSource, what, connection -> {
            Map<EventId, List<StoredScore>> scores = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                int next = EventIds.bindOwned(connection, select, 1, owner, events);
                if (modelSha != null) {
                    select.setString(next, modelSha);
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        StoredScore score = EventRows.score(rows);
                        scores.computeIfAbsent(score.eventId(), id -> new ArrayList<>(2))
                                .add(score);
                    }
                }
            }
            return scores;
        });
        Map<EventId, List<StoredScore>> ordered = new LinkedHashMap<>();
        for (EventId id : events) {
            List<StoredScore> scores = found.get(id);
            if (scores != null) {
                ordered.put(id, List.copyOf(scores));
            }
        }
        return Collections.unmodifiableMap(ordered);
    }
}
