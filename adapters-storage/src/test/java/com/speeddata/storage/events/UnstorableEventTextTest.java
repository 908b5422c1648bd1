package com.speeddata.storage.events;

import com.speeddata.scoring.events.EventQuery;
import com.speeddata.scoring.events.NewEvent;
import com.speeddata.storage.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Headlines PostgreSQL cannot keep exactly (U+0000 fails the insert; an unpaired surrogate would come back as '?')
 * are refused by both JDBC stores before anything is written. {@code Headlines} accepts them today: when it refuses
 * them itself, this belongs in the EventStore contract.
 */
class UnstorableEventTextTest {
    private static final Instant T0 = Instant.parse("2026-01-05T14:30:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void nul_and_unpaired_surrogates_are_refused_and_nothing_is_stored(String vendor) {
        try (TestDatabase database = vendor.equals("h2") ? TestDatabase.h2() : TestDatabase.postgres()) {
            JdbcEventStore store = new JdbcEventStore(database.database());
            for (String text : List.of("nul \u0000 inside", "lone \uD800 high", "lone \uDC00 low", "reversed \uDC00\uD800",
                    "ends high \uD83D")) {
                IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> store.add("alice",
                        List.of(new NewEvent(null, "ACME", "fine", T0), new NewEvent(null, "ACME", text, T0)), T0));
                assertTrue(refused.getMessage().contains("index"), refused.getMessage());
            }
            assertEquals(List.of(), store.find(new EventQuery("alice", null, null, null, null, null, 10)).events());
            assertEquals("pair \uD83D\uDE00 ok", store.add("alice",
                    List.of(new NewEvent(null, "ACME", "pair \uD83D\uDE00 ok", T0)), T0).get(0).headline());
        }
    }
}
