package com.speeddata.storage.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.speeddata.scoring.Label;
import com.speeddata.scoring.events.EventId;
import com.speeddata.scoring.events.EventIdConflictException;
import com.speeddata.scoring.events.EventQuery;
import com.speeddata.scoring.events.NewEvent;
import com.speeddata.scoring.events.SentimentEvent;
import com.speeddata.scoring.events.StoredScore;
import com.speeddata.storage.Database;
import com.speeddata.storage.DatabaseUrl;
import com.speeddata.storage.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events and scores stored before events were kept per owner (schema V3, owner {@code local} in single-user mode)
 * are the same owner's after the migration to per-owner keys: found, listed, scored, still unique for that owner,
 * and invisible to another owner, whose same ids are free.
 */
class EventOwnerMigrationTest {
    private static final Instant T0 = Instant.parse("2026-01-05T14:30:00Z");
    private static final String FINANCE = "0123456789abcdef".repeat(4);
    private static final String BASELINE = "a".repeat(64);
    private static final EventId SCORED = new EventId(UUID.fromString("80000000-0000-0000-0000-000000000001"));
    private static final EventId UNSCORED = new EventId(UUID.fromString("00000000-0000-0000-0000-000000000002"));

    @Test
    void embedded_events_stored_before_stay_the_local_owners(@TempDir Path dir) throws SQLException {
        DatabaseUrl url = DatabaseUrl.embedded(dir);
        migrateToV3AndStoreEvents(url);
        try (Database database = Database.open(null, dir)) {
            checkAfterMigration(new JdbcEventStore(database));
        }
    }

    @Test
    void postgres_events_stored_before_stay_the_local_owners() throws SQLException {
        String serverUrl = TestDatabase.postgresUrl();
        DatabaseUrl server = DatabaseUrl.parse(serverUrl).orElseThrow();
        String schema = "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute(server, "CREATE SCHEMA " + schema);
        try {
            String url = serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            migrateToV3AndStoreEvents(DatabaseUrl.parse(url).orElseThrow());
            try (Database database = Database.open(url, null)) {
                checkAfterMigration(new JdbcEventStore(database));
            }
        } finally {
            execute(server, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    /** The schema as it was when events had global ids, with a scored and an unscored event of {@code local}. */
    private static void migrateToV3AndStoreEvents(DatabaseUrl url) throws SQLException {
        Flyway.configure()
                .dataSource(url.jdbcUrl(), url.user(), url.password())
                .locations(url.dialect().migrationLocation())
                .target("3")
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password())) {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO sentiment_event "
                    + "(id, owner, ticker, headline, published_at, created_at) VALUES (?, 'local', 'ACME', ?, ?, ?)")) {
                for (EventId id : List.of(SCORED, UNSCORED)) {
                    insert.setObject(1, id.value());
                    insert.setString(2, "headline " + id);
                    insert.setObject(3, T0.atOffset(ZoneOffset.UTC));
                    insert.setObject(4, T0.atOffset(ZoneOffset.UTC));
                    insert.executeUpdate();
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO sentiment_score "
                    + "(event_id, model_sha, score, label, scored_at) VALUES (?, ?, 0.5, 'positive', ?)")) {
                for (String sha : List.of(FINANCE, BASELINE)) {
                    insert.setObject(1, SCORED.value());
                    insert.setString(2, sha);
                    insert.setObject(3, T0.atOffset(ZoneOffset.UTC));
                    insert.executeUpdate();
                }
            }
        }
    }

    private static void checkAfterMigration(JdbcEventStore store) {
        List<SentimentEvent> local = store.get("local", List.of(SCORED, UNSCORED));
        assertEquals(
                List.of("headline " + SCORED, "headline " + UNSCORED),
                local.stream().map(SentimentEvent::headline).toList());
        assertEquals(
                List.of(T0, T0),
                local.stream().map(SentimentEvent::publishedAt).toList(),
                "V9 turns the microsecond timestamps into the same instants in nanoseconds");
        StoredScore finance = new StoredScore(SCORED, FINANCE, 0.5, Label.POSITIVE, T0);
        assertEquals(Map.of(SCORED, finance), store.scores("local", List.of(SCORED, UNSCORED), FINANCE));
        assertEquals(
                List.of(finance, new StoredScore(SCORED, BASELINE, 0.5, Label.POSITIVE, T0)),
                store.history("local", List.of(SCORED)).get(SCORED),
                "equal times: smaller SHA first");
        assertEquals(
                List.of(UNSCORED),
                store.find(new EventQuery("local", null, null, null, FINANCE, null, 10)).events().stream()
                        .map(SentimentEvent::id)
                        .toList());
        assertEquals(
                0,
                store.saveScores("local", List.of(new StoredScore(SCORED, FINANCE, -1, Label.NEGATIVE, T0))),
                "the first score stays");
        assertThrows(
                EventIdConflictException.class,
                () -> store.add("local", List.of(new NewEvent(SCORED, "ACME", "again", T0)), T0));

        assertEquals(Map.of(), store.history("acme", List.of(SCORED)));
        store.add("acme", List.of(new NewEvent(SCORED, "ACME", "acme's", T0)), T0);
        assertEquals(1, store.saveScores("acme", List.of(new StoredScore(SCORED, FINANCE, -1, Label.NEGATIVE, T0))));
        assertEquals(finance, store.scores("local", List.of(SCORED), FINANCE).get(SCORED));
    }

    private static void execute(DatabaseUrl server, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
