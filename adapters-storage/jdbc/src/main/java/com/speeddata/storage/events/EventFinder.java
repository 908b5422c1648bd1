package com.speeddata.storage.events;

import com.speeddata.scoring.events.EventCursor;
import com.speeddata.scoring.events.EventPage;
import com.speeddata.scoring.events.EventQuery;
import com.speeddata.scoring.events.SentimentEvent;
import com.speeddata.storage.Dialect;
import com.speeddata.storage.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Pages of an owner's events in (published_ns, id) order: keyset pagination over the index that starts with the
 * owner (and the ticker, when the query has one), one more row than asked to know whether a next page exists.
 *
 * <p>On PostgreSQL the page's plan is pinned: an ordered walk of that index, stopped by the LIMIT, with one
 * primary-key probe of {@code sentiment_score} per event for {@code unscoredBy}. That plan is the right one
 * whatever the table sizes. Left to itself, the planner picks it only with fresh statistics: right after events
 * were stored (before autovacuum analyzed them, or never where autovacuum is off) it sorted all the owner's events
 * for every page, or joined them against a materialized copy of all the model's scores, and pages of a 100,000
 * event sweep took 0.1 to 9 s instead of a few ms. The settings are {@code SET LOCAL}: they end with the page's
 * transaction.
 */
final class EventFinder {
    private static final String PIN_PLAN = "SELECT set_config('enable_sort', 'off', true), "
            + "set_config('enable_bitmapscan', 'off', true), set_config('enable_seqscan', 'off', true), "
            + "set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true), "
            + "set_config('enable_material', 'off', true)";

    private final DataSource dataSource;
    private final boolean pinPlan;

    EventFinder(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.pinPlan = dialect == Dialect.POSTGRESQL;
    }

    EventPage find(EventQuery query) {
        String sql = sql(query);
        List<SentimentEvent> events = Jdbc.inTransaction(dataSource, "listing events", connection -> {
            if (pinPlan) {
                try (Statement pin = connection.createStatement()) {
                    pin.execute(PIN_PLAN);
                }
            }
            return read(connection, sql, query);
        });
        if (events.size() <= query.limit()) {
            return new EventPage(events, null);
        }
        List<SentimentEvent> page = events.subList(0, query.limit());
        SentimentEvent last = page.get(page.size() - 1);
        return new EventPage(page, new EventCursor(last.publishedAt(), last.id()));
    }

    /** How many events match the query's filters; its cursor and limit play no part. */
    long count(EventQuery query) {
        String sql = "SELECT COUNT(*) FROM sentiment_event e" + where(query, false);
        return Jdbc.inTransaction(dataSource, "counting events", connection -> {
            try (PreparedStatement count = connection.prepareStatement(sql)) {
                bind(count, query, false);
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    private static String sql(EventQuery query) {
        StringBuilder sql = new StringBuilder("SELECT ")
                .append(EventRows.EVENT_COLUMNS)
                .append(" FROM sentiment_event e")
                .append(where(query, true));
        // owner (and ticker) are fixed by the WHERE clause, so ordering by them too changes nothing, but it spells
        // out the index's own order: H2 then walks the index and stops at the LIMIT instead of sorting every
        // matching row (PostgreSQL needs no such hint; it drops the redundant columns).
        sql.append(
                query.ticker() != null
                        ? " ORDER BY owner, ticker, published_ns, id"
                        : " ORDER BY owner, published_ns, id");
        return sql.append(" LIMIT ?").toString();
    }

    /** The filters of a query, the same for a page and a count; the cursor only for a page. */
    private static String where(EventQuery query, boolean withCursor) {
        StringBuilder sql = new StringBuilder(" WHERE owner = ?");
        if (query.ticker() != null) {
            sql.append(" AND ticker = ?");
        }
        if (query.from() != null) {
            sql.append(" AND published_ns >= ?");
        }
        if (query.to() != null) {
            sql.append(" AND published_ns < ?");
        }
        if (withCursor && query.after() != null) {
            sql.append(" AND (published_ns, id) > (?, ?)");
        }
        if (query.asOf() != null) {
            sql.append(" AND e.created_at <= ?");
        }
        if (query.unscoredBy() != null) {
            sql.append(" AND NOT EXISTS (SELECT 1 FROM sentiment_score s WHERE s.owner = e.owner AND s.event_id = e.id"
                            + " AND s.model_sha = ?")
                    .append(query.asOf() != null ? " AND s.scored_at < ?)" : ")");
        }
        return sql.toString();
    }

    /** Binds what {@link #where} asks for; returns the next parameter index. */
    private static int bind(PreparedStatement statement, EventQuery query, boolean withCursor) throws SQLException {
        int index = 1;
        statement.setString(index++, query.owner());
        if (query.ticker() != null) {
            statement.setString(index++, query.ticker());
        }
        if (query.from() != null) {
            EventRows.setPublished(statement, index++, query.from());
        }
        if (query.to() != null) {
            EventRows.setPublished(statement, index++, query.to());
        }
        if (withCursor && query.after() != null) {
            EventRows.setPublished(statement, index++, query.after().publishedAt());
            statement.setObject(index++, query.after().id().value());
        }
        if (query.asOf() != null) {
            EventRows.set(statement, index++, query.asOf());
        }
        if (query.unscoredBy() != null) {
            statement.setString(index++, query.unscoredBy());
            if (query.asOf() != null) {
                EventRows.set(statement, index++, query.asOf());
            }
        }
        return index;
    }

    private static List<SentimentEvent> read(Connection connection, String sql, EventQuery query) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            int index = bind(select, query, true);
            select.setLong(index, (long) query.limit() + 1);
            List<SentimentEvent> events = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    events.add(EventRows.event(rows));
                }
            }
            return events;
        }
    }
}
