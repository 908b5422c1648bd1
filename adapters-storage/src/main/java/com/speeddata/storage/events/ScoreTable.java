package com.speeddata.storage.events;

import com.speeddata.scoring.events.EventId;
import com.speeddata.scoring.events.StoredScore;
import com.speeddata.scoring.events.UnknownEventsException;
import com.speeddata.storage.Jdbc;
import com.speeddata.storage.StoreException;

import javax.sql.DataSource;
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

/** The scores of events ({@code sentiment_score}): one row per (event, model), never overwritten. */
final class ScoreTable {
    /** Integrity constraint violations (SQLState class 23) other than a unique key: here, a missing event. */
    private static final String INTEGRITY_CLASS = "23";

    private static final MultiRowInsert<StoredScore> INSERT = new MultiRowInsert<>("INSERT INTO sentiment_score "
            + "(event_id, model_sha, score, label, scored_at) VALUES", 5,
            // No conflict target: H2 accepts ON CONFLICT DO NOTHING only without one. The primary key is the
            // only unique constraint, so it means the same on both databases: the first score stays.
            "ON CONFLICT DO NOTHING", (statement, first, score) -> {
                statement.setObject(first, score.eventId().value());
                statement.setString(first + 1, score.modelSha());
                statement.setDouble(first + 2, score.score());
                statement.setString(first + 3, score.label().wireName());
                EventRows.set(statement, first + 4, score.scoredAt());
            });

    private final DataSource dataSource;

    ScoreTable(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    int save(List<StoredScore> scores) {
        if (scores.isEmpty()) {
            return 0;
        }
        String what = "storing " + scores.size() + " scores";
        List<StoredScore> inKeyOrder = new ArrayList<>(scores);
        // Stable: of two scores of one (event, model), the first asked still comes first, and stays.
        inKeyOrder.sort(Comparator.comparing(StoredScore::eventId, EventIds.ORDER)
                .thenComparing(StoredScore::modelSha));
        try {
            return Jdbc.inTransaction(dataSource, what, connection -> INSERT.insert(connection, inKeyOrder));
        } catch (StoreException e) {
            // The foreign key refused a score of an event that is not stored (23503 on PostgreSQL, 23506 on H2).
            if (e.sqlState() != null && e.sqlState().startsWith(INTEGRITY_CLASS)) {
                List<EventId> missing = Jdbc.withConnection(dataSource, what, c -> missing(c, scores));
                if (!missing.isEmpty()) {
                    UnknownEventsException unknown = new UnknownEventsException(missing);
                    unknown.initCause(e);
                    throw unknown;
                }
            }
            throw e;
        }
    }

    private static List<EventId> missing(Connection connection, List<StoredScore> scores) throws SQLException {
        Set<EventId> ids = new LinkedHashSet<>();
        scores.forEach(s -> ids.add(s.eventId()));
        Set<UUID> found = EventIds.stored(connection, ids);
        return ids.stream().filter(id -> !found.contains(id.value())).toList();
    }

    Map<EventId, StoredScore> byModel(Collection<EventId> events, String modelSha) {
        return read(events, "reading scores", "SELECT " + EventRows.SCORE_COLUMNS + " FROM sentiment_score "
                + "WHERE event_id" + EventIds.ANY + " AND model_sha = ?", modelSha);
    }

    /** The most recent by {@code scored_at}; between equal times, the smallest model SHA (byte order). */
    Map<EventId, StoredScore> latestExcept(Collection<EventId> events, String exceptModelSha) {
        return read(events, "reading latest scores", "SELECT DISTINCT ON (event_id) " + EventRows.SCORE_COLUMNS
                + " FROM sentiment_score WHERE event_id" + EventIds.ANY + " AND model_sha <> ? "
                + "ORDER BY event_id, scored_at DESC, model_sha", exceptModelSha);
    }

    /** Runs a query of scores by event ids and one model SHA; the answer follows the order of {@code events}. */
    private Map<EventId, StoredScore> read(Collection<EventId> events, String what, String sql, String modelSha) {
        if (events.isEmpty()) {
            return Map.of();
        }
        Map<EventId, StoredScore> found = Jdbc.withConnection(dataSource, what, connection -> {
            Map<EventId, StoredScore> scores = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                EventIds.bind(connection, select, 1, events);
                select.setString(2, modelSha);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        StoredScore score = EventRows.score(rows);
                        scores.put(score.eventId(), score);
                    }
                }
            }
            return scores;
        });
        Map<EventId, StoredScore> ordered = new LinkedHashMap<>();
        for (EventId id : events) {
            StoredScore score = found.get(id);
            if (score != null) {
                ordered.put(id, score);
            }
        }
        return Collections.unmodifiableMap(ordered);
    }
}
