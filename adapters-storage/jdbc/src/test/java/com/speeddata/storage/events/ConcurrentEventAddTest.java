package com.speeddata.storage.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.speeddata.scoring.events.EventId;
import com.speeddata.scoring.events.EventIdConflictException;
import com.speeddata.scoring.events.EventQuery;
import com.speeddata.scoring.events.NewEvent;
import com.speeddata.storage.StoreException;
import com.speeddata.storage.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The race the check before the insert cannot see: another transaction inserted the id but has not committed yet.
 * On PostgreSQL the insert waits on the unique index and fails when that transaction commits; H2 refuses it at once
 * and the store tries again. Either way the answer is the conflict once the other transaction committed (and nothing
 * of the request is stored), or the request's events once it rolled back.
 */
class ConcurrentEventAddTest {
    private static final Instant T0 = Instant.parse("2026-01-05T14:30:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void an_id_committed_by_another_request_during_the_insert_is_a_conflict(String vendor) throws Exception {
        try (TestDatabase database = vendor.equals("h2") ? TestDatabase.h2() : TestDatabase.postgres()) {
            JdbcEventStore store = new JdbcEventStore(database.database());
            EventId contested = EventId.random();
            EventId other = EventId.random();
            try (Connection rival = database.dataSource().getConnection()) {
                rival.setAutoCommit(false);
                insert(rival, "alice", contested);

                CompletableFuture<?> add = CompletableFuture.runAsync(() -> store.add(
                        "alice",
                        List.of(
                                new NewEvent(other, "ACME", "mine", T0),
                                new NewEvent(contested, "ACME", "mine too", T0)),
                        T0));
                awaitFirstAttempt(database, vendor, rival, add);
                rival.commit();

                ExecutionException failed = assertThrows(ExecutionException.class, () -> add.get(30, TimeUnit.SECONDS));
                EventIdConflictException conflict = assertInstanceOf(EventIdConflictException.class, failed.getCause());
                assertEquals(List.of(contested), conflict.ids());
                if (vendor.equals("postgres")) {
                    // Found when the waiting insert failed, not by the check (H2's retry finds it by the check).
                    assertInstanceOf(StoreException.class, conflict.getCause());
                }
            }
            assertEquals(
                    List.of("rival's"),
                    store.find(new EventQuery("alice", null, null, null, null, null, 10)).events().stream()
                            .map(e -> e.headline())
                            .toList(),
                    "only the rival's event, not 'mine'");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void an_id_whose_other_insert_rolled_back_is_stored(String vendor) throws Exception {
        try (TestDatabase database = vendor.equals("h2") ? TestDatabase.h2() : TestDatabase.postgres()) {
            JdbcEventStore store = new JdbcEventStore(database.database());
            EventId contested = EventId.random();
            try (Connection rival = database.dataSource().getConnection()) {
                rival.setAutoCommit(false);
                insert(rival, "alice", contested);

                CompletableFuture<?> add = CompletableFuture.runAsync(
                        () -> store.add("alice", List.of(new NewEvent(contested, "ACME", "mine", T0)), T0));
                awaitFirstAttempt(database, vendor, rival, add);
                rival.rollback();

                add.get(30, TimeUnit.SECONDS);
            }
            assertEquals("mine", store.get("alice", List.of(contested)).get(0).headline());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void another_owners_uncommitted_insert_of_the_same_id_neither_holds_up_nor_fails_the_add(String vendor)
            throws Exception {
        try (TestDatabase database = vendor.equals("h2") ? TestDatabase.h2() : TestDatabase.postgres()) {
            JdbcEventStore store = new JdbcEventStore(database.database());
            EventId shared = EventId.random();
            try (Connection rival = database.dataSource().getConnection()) {
                rival.setAutoCommit(false);
                insert(rival, "bob", shared);

                // While bob's row is uncommitted: a wait (PostgreSQL) or H2's retries would end in a timeout.
                CompletableFuture.runAsync(
                                () -> store.add("alice", List.of(new NewEvent(shared, "ACME", "mine", T0)), T0))
                        .get(10, TimeUnit.SECONDS);
                rival.commit();
            }
            assertEquals("mine", store.get("alice", List.of(shared)).get(0).headline());
            assertEquals("rival's", store.get("bob", List.of(shared)).get(0).headline());
        }
    }

    /**
     * Returns once the add met the rival's uncommitted row. PostgreSQL shows the add's session waiting on the
     * rival; H2 shows nothing (the add failed at once and retries for {@link JdbcEventStore#RACE_RETRY}), so the
     * test gives it a second to get there.
     */
    private static void awaitFirstAttempt(
            TestDatabase database, String vendor, Connection rival, CompletableFuture<?> add) throws Exception {
        if (vendor.equals("h2")) {
            Thread.sleep(1_000);
            if (add.isDone()) {
                add.get();
                throw new AssertionError("the add finished while the rival's insert was not committed");
            }
        } else {
            awaitBlocked(database, rival, add);
        }
    }

    private static void insert(Connection connection, String owner, EventId id) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO sentiment_event "
                + "(id, owner, ticker, headline, published_ns, created_at) VALUES (?, ?, 'ACME', 'rival''s', ?, ?)")) {
            insert.setObject(1, id.value());
            insert.setString(2, owner);
            insert.setLong(3, com.speeddata.scoring.events.EpochNanos.of(T0));
            insert.setObject(4, T0.atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    /** Waits until a session waits on the rival's transaction (the store's insert); fails when the add ended. */
    private static void awaitBlocked(TestDatabase database, Connection rival, CompletableFuture<?> add)
            throws Exception {
        String waiting =
                "SELECT COUNT(*) FROM pg_stat_activity WHERE " + backendPid(rival) + " = ANY(pg_blocking_pids(pid))";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (Connection c = database.dataSource().getConnection();
                Statement s = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                if (add.isDone()) {
                    add.get(); // rethrows what ended it
                    throw new AssertionError("the add finished while the rival's insert was not committed");
                }
                try (ResultSet count = s.executeQuery(waiting)) {
                    count.next();
                    if (count.getLong(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the add never waited on the rival's insert");
    }

    private static long backendPid(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet id = s.executeQuery("SELECT pg_backend_pid()")) {
            id.next();
            return id.getLong(1);
        }
    }
}
