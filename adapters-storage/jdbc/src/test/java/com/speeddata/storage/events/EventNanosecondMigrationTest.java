package com.speeddata.storage.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.speeddata.scoring.events.EpochNanos;
import com.speeddata.scoring.events.EventId;
import com.speeddata.scoring.events.EventQuery;
import com.speeddata.scoring.events.SentimentEvent;
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
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migration V9 turns the microsecond {@code published_at} of events stored before into int64 nanoseconds: the same
 * instants, in the same order, and an event once truncated below the earliest int64 instant moved up to it, so that
 * every stored event reads back (such an event made every listing page with it answer 500).
 */
class EventNanosecondMigrationTest {
    private static final Instant MICROS = Instant.parse("2025-01-23T14:00:00.123456Z");
    private static final Instant BELOW_RANGE = Instant.parse("1677-09-21T00:12:43.145224Z");
    private static final EventId EARLY = new EventId(UUID.fromString("00000000-0000-0000-0000-000000000001"));
    private static final EventId LATER = new EventId(UUID.fromString("00000000-0000-0000-0000-000000000002"));

    @Test
    void embedded_event_times_keep_their_instants(@TempDir Path dir) throws SQLException {
        migrateToV8AndStoreEvents(DatabaseUrl.embedded(dir));
        try (Database database = Database.open(null, dir)) {
            check(new JdbcEventStore(database));
        }
    }

    @Test
    void postgres_event_times_keep_their_instants() throws SQLException {
        String serverUrl = TestDatabase.postgresUrl();
        DatabaseUrl server = DatabaseUrl.parse(serverUrl).orElseThrow();
        String schema = "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute(server, "CREATE SCHEMA " + schema);
        try {
            String url = serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            migrateToV8AndStoreEvents(DatabaseUrl.parse(url).orElseThrow());
            try (Database database = Database.open(url, null)) {
                check(new JdbcEventStore(database));
            }
        } finally {
            execute(server, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static void migrateToV8AndStoreEvents(DatabaseUrl url) throws SQLException {
        Flyway.configure()
                .dataSource(url.jdbcUrl(), url.user(), url.password())
                .locations(url.dialect().migrationLocation())
                .target("8")
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO sentiment_event "
                                + "(id, owner, ticker, headline, published_at, created_at) VALUES (?, 'local', 'ACME', ?, ?, ?)")) {
            for (EventId id : List.of(LATER, EARLY)) {
                insert.setObject(1, id.value());
                insert.setString(2, "headline " + id);
                insert.setObject(3, (id == EARLY ? BELOW_RANGE : MICROS).atOffset(ZoneOffset.UTC));
                insert.setObject(4, MICROS.atOffset(ZoneOffset.UTC));
                insert.executeUpdate();
            }
        }
    }

    private static void check(JdbcEventStore store) {
        List<SentimentEvent> listed = store.find(new EventQuery("local", null, null, null, null, null, 10))
                .events();
        assertEquals(
                List.of(EARLY, LATER), listed.stream().map(SentimentEvent::id).toList());
        assertEquals(
                List.of(EpochNanos.MIN, MICROS),
                listed.stream().map(SentimentEvent::publishedAt).toList());
        assertEquals(
                List.of(LATER),
                store.find(new EventQuery("local", null, MICROS, MICROS.plusNanos(1), null, null, 10)).events().stream()
                        .map(SentimentEvent::id)
                        .toList());
    }

    private static void execute(DatabaseUrl server, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
