package com.speeddata.storage.events;

import com.speeddata.scoring.Label;
import com.speeddata.scoring.events.EpochNanos;
import com.speeddata.scoring.events.EventId;
import com.speeddata.scoring.events.SentimentEvent;
import com.speeddata.scoring.events.StoredScore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Maps {@code sentiment_event} and {@code sentiment_score} rows to values and instants to column values, the same
 * way on both databases. An event's publication time is int64 nanoseconds since the epoch ({@code published_ns},
 * migration V9), kept exactly. Other instants ({@code created_at}, {@code scored_at}) are timestamp columns that
 * keep microseconds; they are truncated here, in Java, because the drivers would round instead (and a stored score
 * must read back as it was saved).
 */
final class EventRows {
    /** Read by {@link #event}, in this order. */
    static final String EVENT_COLUMNS = "id, owner, ticker, headline, published_ns";
    /** Read by {@link #score}, in this order. */
    static final String SCORE_COLUMNS = "event_id, model_sha, score, label, scored_at";

    private EventRows() {}

    static SentimentEvent event(ResultSet row) throws SQLException {
        return new SentimentEvent(
                new EventId(row.getObject(1, UUID.class)),
                row.getString(2),
                row.getString(3),
                row.getString(4),
                EpochNanos.toInstant(row.getLong(5)));
    }

    static StoredScore score(ResultSet row) throws SQLException {
        String label = row.getString(4);
        return new StoredScore(
                new EventId(row.getObject(1, UUID.class)),
                row.getString(2),
                row.getDouble(3),
                Label.fromWireName(label)
                        .orElseThrow(() -> new IllegalStateException(
                                "sentiment_score holds the label '" + label + "', not one of " + Label.wireNames())),
                instant(row, 5));
    }

    /** The instant as the columns keep it. */
    static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** Binds an instant to be stored: truncated to the microsecond. */
    static void set(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, micros(instant).atOffset(ZoneOffset.UTC));
    }

    /** Binds a publication time (of an event, a range bound or a cursor) as {@code published_ns} holds it. */
    static void setPublished(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setLong(index, EpochNanos.of(instant));
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }
}
