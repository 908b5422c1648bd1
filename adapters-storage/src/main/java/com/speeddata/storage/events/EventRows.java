package com.speeddata.storage.events;

import com.speeddata.scoring.Label;
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
 * way on both databases. The columns keep microseconds; instants are truncated here, in Java, because the drivers
 * would round instead (and a stored event must read back as {@code add} returned it).
 */
final class EventRows {
    /** Read by {@link #event}, in this order. */
    static final String EVENT_COLUMNS = "id, owner, ticker, headline, published_at";
    /** Read by {@link #score}, in this order. */
    static final String SCORE_COLUMNS = "event_id, model_sha, score, label, scored_at";

    private EventRows() {
    }

    static SentimentEvent event(ResultSet row) throws SQLException {
        return new SentimentEvent(new EventId(row.getObject(1, UUID.class)), row.getString(2), row.getString(3),
                row.getString(4), instant(row, 5));
    }

    static StoredScore score(ResultSet row) throws SQLException {
        String label = row.getString(4);
        return new StoredScore(new EventId(row.getObject(1, UUID.class)), row.getString(2), row.getDouble(3),
                Label.fromWireName(label).orElseThrow(() -> new IllegalStateException(
                        "sentiment_score holds the label '" + label + "', not one of " + Label.wireNames())),
                instant(row, 5));
    }

    /**
     * Why PostgreSQL cannot keep the text exactly, or null when it can: it refuses U+0000 in text columns, and its
     * driver writes an unpaired surrogate as '?'. H2 would keep both, but the two databases must behave alike.
     */
    static String unstorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "contains U+0000 at index " + i;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "contains an unpaired surrogate at index " + i;
            }
        }
        return null;
    }

    /** The instant as the columns keep it. */
    static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** Binds an instant to be stored: truncated to the microsecond. */
    static void set(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, micros(instant).atOffset(ZoneOffset.UTC));
    }

    /**
     * Binds a range bound compared with stored instants: rounded up to the next microsecond, which keeps
     * {@code stored >= bound} and {@code stored < bound} true for exactly the same stored (whole-microsecond) values.
     */
    static void setBound(PreparedStatement statement, int index, Instant bound) throws SQLException {
        Instant down = micros(bound);
        statement.setObject(index, (down.equals(bound) ? down : down.plus(1, ChronoUnit.MICROS))
                .atOffset(ZoneOffset.UTC));
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }
}
