package com.speeddata.scoring.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.scoring.Label;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link EventStore} must do; run against the in-memory, embedded and PostgreSQL stores. */
public abstract class EventStoreContract {
    protected static final Instant T0 = Instant.parse("2026-01-05T14:30:00Z");
    protected static final String BASELINE = "a".repeat(64);
    protected static final String FINANCE = "0123456789abcdef".repeat(4);
    private static final String THIRD = "f".repeat(64);

    private EventStore store;

    /** A store with no events in it. */
    protected abstract EventStore newStore();

    @BeforeEach
    void setUp() {
        store = newStore();
    }

    private static NewEvent event(String ticker, String headline, Instant publishedAt) {
        return new NewEvent(null, ticker, headline, publishedAt);
    }

    private static NewEvent event(EventId id, Instant publishedAt) {
        return new NewEvent(id, "ACME", "headline " + id, publishedAt);
    }

    private static EventId id(String uuid) {
        return new EventId(UUID.fromString(uuid));
    }

    private static List<EventId> ids(List<SentimentEvent> events) {
        return events.stream().map(SentimentEvent::id).toList();
    }

    private static StoredScore score(EventId id, String model, double score, Instant at) {
        Label label = score > 0.05 ? Label.POSITIVE : score < -0.05 ? Label.NEGATIVE : Label.NEUTRAL;
        return new StoredScore(id, model, score, label, at);
    }

    private static EventQuery all(String owner, int limit) {
        return new EventQuery(owner, null, null, null, null, null, limit);
    }

    /** Every page of the query, following the cursors. */
    private List<SentimentEvent> allPages(EventQuery query) {
        List<SentimentEvent> events = new ArrayList<>();
        EventPage page = store.find(query);
        events.addAll(page.events());
        while (page.next() != null) {
            assertEquals(query.limit(), page.events().size(), "a page before the last is full");
            page = store.find(query.after(page.next()));
            events.addAll(page.events());
        }
        return events;
    }

    @Test
    void add_stores_the_events_and_get_returns_them_in_the_order_asked() {
        EventId given = EventId.random();
        List<SentimentEvent> added = store.add(
                "alice",
                List.of(
                        event("ACME", "Acme beats estimates", T0),
                        new NewEvent(given, "BRK.B", "Berkshire buys back shares", T0.plusSeconds(60)),
                        event("ACME", "Acme recalls widgets", T0.minusSeconds(60))),
                T0.plusSeconds(3600));

        assertEquals(3, added.size());
        assertEquals(given, added.get(1).id());
        assertEquals(
                new SentimentEvent(given, "alice", "BRK.B", "Berkshire buys back shares", T0.plusSeconds(60)),
                added.get(1));
        assertEquals("Acme recalls widgets", added.get(2).headline());
        assertEquals(T0.minusSeconds(60), added.get(2).publishedAt());

        List<EventId> asked = List.of(
                added.get(2).id(), added.get(0).id(), given, added.get(0).id());
        assertEquals(List.of(added.get(2), added.get(0), added.get(1), added.get(0)), store.get("alice", asked));
        assertEquals(List.of(), store.get("alice", List.of()));
    }

    @Test
    void add_gives_distinct_ids_to_events_without_one() {
        List<SentimentEvent> added = store.add(
                "alice", List.of(event("ACME", "one", T0), event("ACME", "two", T0), event("ACME", "three", T0)), T0);
        assertEquals(3, Set.copyOf(ids(added)).size());
        assertEquals(added, store.get("alice", ids(added)));
        assertEquals(List.of(), store.add("alice", List.of(), T0));
    }

    @Test
    void publication_times_keep_nanoseconds_scores_microseconds_and_add_returns_what_is_stored() {
        Instant precise = T0.plusNanos(123_456_789);
        SentimentEvent added = store.add("alice", List.of(event("ACME", "precise", precise)), T0)
                .get(0);
        assertEquals(precise, added.publishedAt());
        assertEquals(List.of(added), store.get("alice", List.of(added.id())));
        assertEquals(List.of(added), store.find(all("alice", 10)).events());

        store.saveScores("alice", List.of(score(added.id(), FINANCE, 0.5, precise)));
        assertEquals(
                T0.plusNanos(123_456_000),
                store.scores("alice", List.of(added.id()), FINANCE)
                        .get(added.id())
                        .scoredAt());
    }

    @Test
    void the_earliest_and_latest_int64_nanosecond_instants_are_stored_and_listed_in_order() {
        SentimentEvent last = store.add("alice", List.of(event("ACME", "last", EpochNanos.MAX)), T0)
                .get(0);
        SentimentEvent first = store.add("alice", List.of(event("ACME", "first", EpochNanos.MIN)), T0)
                .get(0);
        SentimentEvent nano = store.add("alice", List.of(event("ACME", "nano", T0.plusNanos(1))), T0)
                .get(0);
        SentimentEvent whole =
                store.add("alice", List.of(event("ACME", "whole", T0)), T0).get(0);
        assertEquals(List.of(first, whole, nano, last), allPages(all("alice", 1)));
        assertEquals(
                List.of(nano),
                store.find(new EventQuery("alice", null, T0.plusNanos(1), T0.plusNanos(2), null, null, 10))
                        .events());
    }

    @Test
    void an_id_the_owner_already_stored_is_a_conflict_and_nothing_of_the_request_is_stored() {
        EventId first = EventId.random();
        EventId second = EventId.random();
        store.add("alice", List.of(event(first, T0), event(second, T0)), T0);

        EventId fresh = EventId.random();
        EventIdConflictException conflict = assertThrows(
                EventIdConflictException.class,
                () -> store.add(
                        "alice",
                        List.of(
                                event(fresh, T0),
                                event(second, T0),
                                new NewEvent(null, "ACME", "x", T0),
                                event(first, T0)),
                        T0));

        assertEquals(List.of(second, first), conflict.ids());
        assertEquals(2, store.find(all("alice", 10)).events().size());
        assertThrows(UnknownEventsException.class, () -> store.get("alice", List.of(fresh)));
    }

    @Test
    void the_same_id_in_two_owners_is_two_events_each_seen_only_by_its_owner() {
        EventId shared = EventId.random();
        SentimentEvent bobs = store.add("bob", List.of(new NewEvent(shared, "BOB", "bob's", T0)), T0)
                .get(0);

        // Another owner's id is free: no conflict, which would tell alice that bob has it.
        SentimentEvent alices = store.add(
                        "alice", List.of(new NewEvent(shared, "ACME", "alice's", T0.plusSeconds(1))), T0)
                .get(0);

        assertEquals(new SentimentEvent(shared, "alice", "ACME", "alice's", T0.plusSeconds(1)), alices);
        assertEquals(List.of(alices), store.get("alice", List.of(shared)));
        assertEquals(List.of(bobs), store.get("bob", List.of(shared)));
        assertEquals(List.of(alices), store.find(all("alice", 10)).events());
        assertEquals(List.of(bobs), store.find(all("bob", 10)).events());
        assertEquals(1, store.count(all("alice", 10)));
        assertEquals(
                List.of(shared),
                assertThrows(
                                EventIdConflictException.class,
                                () -> store.add("bob", List.of(new NewEvent(shared, "BOB", "again", T0)), T0))
                        .ids(),
                "still unique within an owner");
        assertEquals(
                List.of(shared),
                assertThrows(UnknownEventsException.class, () -> store.get("carol", List.of(shared)))
                        .ids());
    }

    @Test
    void scores_of_one_owner_are_invisible_to_another_even_for_the_same_event_id() {
        EventId shared = EventId.random();
        store.add("alice", List.of(event(shared, T0)), T0);
        store.add("bob", List.of(event(shared, T0)), T0);
        StoredScore alices = score(shared, FINANCE, 0.5, T0);
        assertEquals(2, store.saveScores("alice", List.of(alices, score(shared, BASELINE, -0.5, T0.plusSeconds(1)))));

        assertEquals(Map.of(), store.scores("bob", List.of(shared), FINANCE));
        assertEquals(Map.of(), store.latestScores("bob", List.of(shared), THIRD));
        assertEquals(Map.of(), store.history("bob", List.of(shared)));
        assertEquals(Map.of(), store.history("carol", List.of(shared)));

        // bob's first score of his event by FINANCE is new, and alice's stays hers.
        StoredScore bobs = score(shared, FINANCE, -0.9, T0.plusSeconds(2));
        assertEquals(1, store.saveScores("bob", List.of(bobs)));
        assertEquals(Map.of(shared, bobs), store.scores("bob", List.of(shared), FINANCE));
        assertEquals(Map.of(shared, alices), store.scores("alice", List.of(shared), FINANCE));
        assertEquals(Map.of(shared, bobs), store.latestScores("bob", List.of(shared), THIRD));
        assertEquals(
                score(shared, BASELINE, -0.5, T0.plusSeconds(1)),
                store.latestScores("alice", List.of(shared), THIRD).get(shared));
        assertEquals(List.of(bobs), store.history("bob", List.of(shared)).get(shared));
    }

    @Test
    void a_score_of_another_owners_event_is_refused_as_unknown_and_none_of_the_batch_is_saved() {
        EventId alicesOnly = store.add("alice", List.of(event("ACME", "alice's", T0)), T0)
                .get(0)
                .id();
        EventId bobsOwn =
                store.add("bob", List.of(event("ACME", "bob's", T0)), T0).get(0).id();

        UnknownEventsException unknown = assertThrows(
                UnknownEventsException.class,
                () -> store.saveScores(
                        "bob", List.of(score(bobsOwn, FINANCE, 0.5, T0), score(alicesOnly, FINANCE, 0.5, T0))));

        assertEquals(List.of(alicesOnly), unknown.ids());
        assertEquals(Map.of(), store.scores("bob", List.of(bobsOwn), FINANCE));
        assertEquals(Map.of(), store.scores("alice", List.of(alicesOnly), FINANCE));
    }

    @Test
    void unscored_by_and_count_look_at_the_owners_own_scores_only() {
        EventId shared = EventId.random();
        store.add("alice", List.of(event(shared, T0)), T0);
        store.add("bob", List.of(event(shared, T0)), T0);
        store.saveScores("alice", List.of(score(shared, FINANCE, 0.5, T0)));

        EventQuery bobsUnscored = new EventQuery("bob", null, null, null, FINANCE, null, 10);
        assertEquals(List.of(shared), ids(store.find(bobsUnscored).events()), "alice's score is not bob's");
        assertEquals(1, store.count(bobsUnscored));
        EventQuery alicesUnscored = new EventQuery("alice", null, null, null, FINANCE, null, 10);
        assertEquals(List.of(), store.find(alicesUnscored).events());
        assertEquals(0, store.count(alicesUnscored));
    }

    @Test
    void history_lists_every_score_of_each_event_oldest_first() {
        List<SentimentEvent> added =
                store.add("alice", List.of(event("ACME", "a", T0), event("ACME", "b", T0), event("ACME", "c", T0)), T0);
        EventId a = added.get(0).id();
        EventId b = added.get(1).id();
        EventId c = added.get(2).id();
        store.saveScores(
                "alice",
                List.of(
                        score(a, FINANCE, 0.9, T0.plusSeconds(9)),
                        score(a, THIRD, 0.3, T0),
                        score(a, BASELINE, 0.1, T0),
                        score(c, FINANCE, -0.5, T0.plusSeconds(1))));
        store.saveScores("alice", List.of(score(a, FINANCE, -1, T0.plusSeconds(20)))); // kept: the first

        Map<EventId, List<StoredScore>> history = store.history("alice", List.of(c, b, a, EventId.random()));

        assertEquals(List.of(c, a), List.copyOf(history.keySet()), "in the order asked; b has no score");
        assertEquals(
                List.of(
                        score(a, BASELINE, 0.1, T0),
                        score(a, THIRD, 0.3, T0),
                        score(a, FINANCE, 0.9, T0.plusSeconds(9))),
                history.get(a),
                "equal times: smaller SHA first");
        assertEquals(List.of(score(c, FINANCE, -0.5, T0.plusSeconds(1))), history.get(c));
        assertEquals(Map.of(), store.history("alice", List.of()));
    }

    @Test
    void the_same_id_twice_in_one_request_is_refused_and_nothing_is_stored() {
        EventId twice = EventId.random();
        assertThrows(
                IllegalArgumentException.class,
                () -> store.add(
                        "alice",
                        List.of(event(twice, T0), event(EventId.random(), T0), event(twice, T0.plusSeconds(1))),
                        T0));
        assertEquals(List.of(), store.find(all("alice", 10)).events());
    }

    @Test
    void get_names_every_missing_id_and_another_owners_event_is_missing() {
        SentimentEvent bobs =
                store.add("bob", List.of(event("ACME", "bob's", T0)), T0).get(0);
        SentimentEvent alices =
                store.add("alice", List.of(event("ACME", "alice's", T0)), T0).get(0);
        EventId nowhere = EventId.random();

        UnknownEventsException unknown = assertThrows(
                UnknownEventsException.class,
                () -> store.get("alice", List.of(nowhere, alices.id(), bobs.id(), nowhere)));

        assertEquals(List.of(nowhere, bobs.id()), unknown.ids());
        assertEquals(List.of(bobs), store.get("bob", List.of(bobs.id())));
    }

    @Test
    void find_lists_only_the_owners_events_by_publication_time_then_id() {
        List<SentimentEvent> alices = store.add(
                "alice",
                List.of(
                        event("ACME", "late", T0.plusSeconds(10)),
                        event("ACME", "early", T0),
                        event("INIT", "middle", T0.plusSeconds(5))),
                T0);
        store.add("bob", List.of(event("ACME", "bob's", T0.plusSeconds(7))), T0);

        EventPage page = store.find(all("alice", 10));

        assertEquals(
                List.of("early", "middle", "late"),
                page.events().stream().map(SentimentEvent::headline).toList());
        assertNull(page.next());
        assertEquals(List.of(alices.get(1), alices.get(2), alices.get(0)), page.events());
        assertEquals(List.of(), store.find(all("carol", 10)).events());
    }

    @Test
    void ids_order_as_unsigned_numbers_among_equal_publication_times() {
        List<EventId> inOrder = List.of(
                id("00000000-0000-0000-0000-000000000001"),
                id("00000000-0000-0000-7fff-ffffffffffff"),
                id("00000000-0000-0000-8000-000000000000"),
                id("7fffffff-ffff-ffff-ffff-ffffffffffff"),
                id("80000000-0000-0000-0000-000000000000"),
                id("ffffffff-ffff-ffff-ffff-fffffffffffe"));
        List<NewEvent> shuffled = new ArrayList<>();
        for (int i : new int[] {4, 1, 5, 0, 3, 2}) {
            shuffled.add(event(inOrder.get(i), T0));
        }
        store.add("alice", shuffled, T0);

        assertEquals(inOrder, ids(store.find(all("alice", 10)).events()));
        assertEquals(inOrder, ids(allPages(all("alice", 1))));
    }

    @Test
    void pages_follow_each_other_without_gaps_or_repeats_across_equal_publication_times() {
        List<NewEvent> batch = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            batch.add(event("ACME", "event " + i, T0.plusSeconds(i / 5))); // five events per second
        }
        List<SentimentEvent> added = store.add("alice", batch, T0);
        List<SentimentEvent> expected =
                added.stream().sorted(InMemoryEventStore.ORDER).toList();

        for (int limit : new int[] {1, 4, 5, 7, 22, 23, 24, 100}) {
            assertEquals(expected, allPages(all("alice", limit)), "pages of " + limit);
        }
        EventPage exact = store.find(all("alice", 23));
        assertEquals(23, exact.events().size());
        assertNull(exact.next(), "no more events: no cursor");
        EventPage first = store.find(all("alice", 5));
        SentimentEvent fifth = first.events().get(4);
        assertEquals(new EventCursor(fifth.publishedAt(), fifth.id()), first.next());
        assertEquals(
                expected.subList(0, 23),
                store.find(all("alice", Integer.MAX_VALUE)).events());
    }

    @Test
    void find_filters_by_ticker_and_a_half_open_time_range() {
        store.add(
                "alice",
                List.of(
                        event("ACME", "acme before", T0.minusNanos(1000)),
                        event("ACME", "acme at from", T0),
                        event("INIT", "init inside", T0.plusSeconds(30)),
                        event("ACME", "acme inside", T0.plusSeconds(59)),
                        event("ACME", "acme at to", T0.plusSeconds(60)),
                        event("acme", "lower-case ticker", T0.plusSeconds(10))),
                T0);

        assertEquals(
                List.of("acme before", "acme at from", "acme inside", "acme at to"),
                headlines(new EventQuery("alice", "ACME", null, null, null, null, 10)));
        assertEquals(
                List.of("acme at from", "lower-case ticker", "init inside", "acme inside"),
                headlines(new EventQuery("alice", null, T0, T0.plusSeconds(60), null, null, 10)));
        assertEquals(
                List.of("acme at from", "acme inside"),
                headlines(new EventQuery("alice", "ACME", T0, T0.plusSeconds(60), null, null, 10)));
        assertEquals(
                List.of("acme inside", "acme at to"),
                headlines(new EventQuery("alice", "ACME", T0.plusSeconds(31), null, null, null, 10)));
        assertEquals(
                List.of("acme before", "acme at from"),
                headlines(new EventQuery("alice", "ACME", null, T0.plusSeconds(10), null, null, 10)));
        assertEquals(List.of(), headlines(new EventQuery("alice", "NONE", null, null, null, null, 10)));
        // Bounds between two microseconds: [from, to) still means what it says.
        assertEquals(
                List.of("acme at from"),
                headlines(new EventQuery("alice", "ACME", T0.minusNanos(999), T0.plusNanos(1), null, null, 10)));
    }

    private List<String> headlines(EventQuery query) {
        return allPages(query).stream().map(SentimentEvent::headline).toList();
    }

    @Test
    void unscored_by_lists_only_events_without_a_score_from_that_model() {
        List<NewEvent> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(event(i % 2 == 0 ? "ACME" : "INIT", "event " + i, T0.plusSeconds(i)));
        }
        List<SentimentEvent> added = store.add("alice", batch, T0);
        store.saveScores(
                "alice",
                List.of(
                        score(added.get(0).id(), FINANCE, 0.5, T0),
                        score(added.get(3).id(), FINANCE, 0, T0),
                        score(added.get(4).id(), BASELINE, -0.5, T0),
                        score(added.get(9).id(), FINANCE, 0.1, T0)));

        EventQuery unscored = new EventQuery("alice", null, null, null, FINANCE, null, 3);
        assertEquals(List.of(1, 2, 4, 5, 6, 7, 8), positions(added, allPages(unscored)));
        assertEquals(
                List.of(0, 1, 2, 3, 5, 6, 7, 8, 9),
                positions(added, allPages(new EventQuery("alice", null, null, null, BASELINE, null, 4))));
        assertEquals(
                List.of(2, 4, 6, 8),
                positions(added, allPages(new EventQuery("alice", "ACME", null, null, FINANCE, null, 2))));
        assertEquals(
                10,
                allPages(new EventQuery("alice", null, null, null, THIRD, null, 10))
                        .size());
    }

    @Test
    void count_applies_the_filters_of_find_and_ignores_cursor_and_limit() {
        List<NewEvent> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(event(i % 2 == 0 ? "ACME" : "INIT", "event " + i, T0.plusSeconds(i)));
        }
        List<SentimentEvent> added = store.add("alice", batch, T0);
        store.add("bob", List.of(event("ACME", "bob's", T0)), T0);
        store.saveScores(
                "alice",
                List.of(
                        score(added.get(0).id(), FINANCE, 0.5, T0),
                        score(added.get(2).id(), FINANCE, 0, T0)));
        assertEquals(10, store.count(all("alice", 1)));
        assertEquals(5, store.count(new EventQuery("alice", "ACME", null, null, null, null, 1)));
        assertEquals(3, store.count(new EventQuery("alice", "ACME", null, null, FINANCE, null, 1)));
        assertEquals(
                4, store.count(new EventQuery("alice", null, T0.plusSeconds(2), T0.plusSeconds(6), null, null, 1)));
        EventQuery paged = all("alice", 2)
                .after(new EventCursor(added.get(5).publishedAt(), added.get(5).id()));
        assertEquals(10, store.count(paged), "the cursor does not narrow a count");
        assertEquals(0, store.count(all("carol", 5)));
    }

    private static List<Integer> positions(List<SentimentEvent> added, List<SentimentEvent> found) {
        return found.stream().map(added::indexOf).toList();
    }

    @Test
    void save_scores_keeps_the_first_score_of_an_event_by_a_model_and_counts_the_new_ones() {
        List<SentimentEvent> added = store.add("alice", List.of(event("ACME", "a", T0), event("ACME", "b", T0)), T0);
        EventId a = added.get(0).id();
        EventId b = added.get(1).id();

        assertEquals(2, store.saveScores("alice", List.of(score(a, FINANCE, 0.5, T0), score(a, BASELINE, 0.25, T0))));
        assertEquals(
                1,
                store.saveScores(
                        "alice",
                        List.of(
                                score(a, FINANCE, -0.9, T0.plusSeconds(1)),
                                score(b, FINANCE, -0.3, T0.plusSeconds(1)),
                                score(b, FINANCE, 0.9, T0.plusSeconds(2)))));
        assertEquals(0, store.saveScores("alice", List.of(score(a, FINANCE, 1, T0.plusSeconds(3)))));
        assertEquals(0, store.saveScores("alice", List.of()));

        Map<EventId, StoredScore> finance = store.scores("alice", List.of(a, b), FINANCE);
        assertEquals(score(a, FINANCE, 0.5, T0), finance.get(a));
        assertEquals(score(b, FINANCE, -0.3, T0.plusSeconds(1)), finance.get(b));
        assertEquals(Map.of(a, score(a, BASELINE, 0.25, T0)), store.scores("alice", List.of(a, b), BASELINE));
    }

    @Test
    void scores_for_an_event_not_stored_are_refused_and_none_of_the_batch_is_saved() {
        EventId stored =
                store.add("alice", List.of(event("ACME", "a", T0)), T0).get(0).id();
        EventId nowhere = EventId.random();

        UnknownEventsException unknown = assertThrows(
                UnknownEventsException.class,
                () -> store.saveScores(
                        "alice", List.of(score(stored, FINANCE, 0.5, T0), score(nowhere, FINANCE, 0.5, T0))));

        assertEquals(List.of(nowhere), unknown.ids());
        assertEquals(Map.of(), store.scores("alice", List.of(stored), FINANCE));
    }

    @Test
    void scores_returns_the_models_score_only_for_events_that_have_one() {
        List<SentimentEvent> added =
                store.add("alice", List.of(event("ACME", "a", T0), event("ACME", "b", T0), event("ACME", "c", T0)), T0);
        StoredScore exact = new StoredScore(added.get(2).id(), FINANCE, -0.123456789012345, Label.NEGATIVE, T0);
        store.saveScores(
                "alice",
                List.of(
                        score(added.get(0).id(), FINANCE, 1, T0),
                        exact,
                        score(added.get(1).id(), BASELINE, -1, T0)));

        Map<EventId, StoredScore> found = store.scores(
                "alice",
                List.of(added.get(0).id(), added.get(1).id(), added.get(2).id(), EventId.random()),
                FINANCE);

        assertEquals(
                Map.of(
                        added.get(0).id(),
                        score(added.get(0).id(), FINANCE, 1, T0),
                        added.get(2).id(),
                        exact),
                found);
        assertEquals(Map.of(), store.scores("alice", List.of(), FINANCE));
        assertEquals(Map.of(), store.scores("alice", List.of(added.get(0).id()), THIRD));
    }

    @Test
    void latest_scores_pick_the_most_recent_score_from_another_model() {
        List<SentimentEvent> added = store.add(
                "alice",
                List.of(event("ACME", "a", T0), event("ACME", "b", T0), event("ACME", "c", T0), event("ACME", "d", T0)),
                T0);
        EventId a = added.get(0).id();
        EventId b = added.get(1).id();
        EventId c = added.get(2).id();
        EventId d = added.get(3).id();
        store.saveScores(
                "alice",
                List.of(
                        score(a, BASELINE, 0.1, T0),
                        score(a, THIRD, 0.3, T0.plusSeconds(5)),
                        score(a, FINANCE, 0.9, T0.plusSeconds(9)),
                        score(b, FINANCE, -0.5, T0),
                        score(c, THIRD, 0.7, T0.plusSeconds(1)),
                        score(c, BASELINE, -0.7, T0.plusSeconds(1))));

        Map<EventId, StoredScore> latest = store.latestScores("alice", List.of(a, b, c, d), FINANCE);

        assertEquals(
                Map.of(a, score(a, THIRD, 0.3, T0.plusSeconds(5)), c, score(c, BASELINE, -0.7, T0.plusSeconds(1))),
                latest,
                "b and d have none; c's tie: smaller SHA");
        assertEquals(
                score(a, FINANCE, 0.9, T0.plusSeconds(9)),
                store.latestScores("alice", List.of(a), THIRD).get(a));
        assertEquals(Map.of(), store.latestScores("alice", List.of(), FINANCE));
    }

    @Test
    void headlines_with_any_text_up_to_the_maximum_length_round_trip_exactly() {
        String mixed = "Überraschung: 株価が急騰 📈, ça monte — «fort» ‏שלום‏ e\u0301 \t\"quoted\" 'it''s' \\n";
        String longest =
                ("€😀" + "ß".repeat(8) + "漢").repeat(Headlines.MAX_LENGTH / 12) + "x".repeat(Headlines.MAX_LENGTH % 12);
        assertEquals(Headlines.MAX_LENGTH, longest.length());
        String bmpOnly = "é".repeat(Headlines.MAX_LENGTH);
        List<SentimentEvent> added = store.add(
                "alice", List.of(event("ACME", mixed, T0), event("ACME", longest, T0), event("ACME", bmpOnly, T0)), T0);

        List<SentimentEvent> read = store.get("alice", ids(added));

        assertEquals(
                List.of(mixed, longest, bmpOnly),
                read.stream().map(SentimentEvent::headline).toList());
        assertEquals(Set.copyOf(added), Set.copyOf(store.find(all("alice", 10)).events()));
    }

    @Test
    void owners_and_tickers_are_matched_exactly() {
        store.add("Alice", List.of(event("ACME", "capital", T0)), T0);
        store.add("alice ", List.of(event("ACME", "trailing space", T0)), T0);
        store.add("ålice", List.of(event("ACME", "non-ascii owner", T0)), T0);
        assertEquals(List.of(), store.find(all("alice", 10)).events());
        assertEquals(List.of("non-ascii owner"), headlines(all("ålice", 10)));
        assertEquals(List.of("trailing space"), headlines(all("alice ", 10)));
        assertEquals(List.of(), headlines(new EventQuery("Alice", "acme", null, null, null, null, 10)));
    }

    @Test
    void thousands_of_ids_per_call_are_served() {
        int n = 3_000;
        List<NewEvent> batch = IntStream.range(0, n)
                .mapToObj(i -> event("ACME", "h" + i, T0.plusMillis(i)))
                .toList();
        List<SentimentEvent> added = store.add("alice", batch, T0);
        List<EventId> ids = ids(added);
        List<StoredScore> scores = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            scores.add(score(ids.get(i), i % 3 == 0 ? BASELINE : FINANCE, (i % 201 - 100) / 100.0, T0));
        }

        assertEquals(n, store.saveScores("alice", scores));
        assertEquals(
                n,
                store.saveScores(
                        "alice",
                        scores.stream()
                                .map(s -> score(s.eventId(), THIRD, 0, T0))
                                .toList()));

        List<EventId> reversed = new ArrayList<>(ids);
        java.util.Collections.reverse(reversed);
        assertEquals(reversed, ids(store.get("alice", reversed)));
        Map<EventId, StoredScore> finance = store.scores("alice", ids, FINANCE);
        assertEquals(n - n / 3, finance.size());
        assertEquals(scores.get(1), finance.get(ids.get(1)));
        Map<EventId, StoredScore> latest = store.latestScores("alice", ids, THIRD);
        assertEquals(n, latest.size());
        assertEquals(scores.get(2999), latest.get(ids.get(2999)));
        assertNotNull(store.find(new EventQuery("alice", null, null, null, BASELINE, null, 5000)));
        assertEquals(
                n - n / 3,
                store.find(new EventQuery("alice", null, null, null, BASELINE, null, 5000))
                        .events()
                        .size());
        assertTrue(store.find(new EventQuery("alice", null, null, null, THIRD, null, 5000))
                .events()
                .isEmpty());
    }

    @Test
    void a_query_as_of_an_instant_ignores_events_stored_and_scores_saved_after_it() {
        Instant accepted = T0.plusSeconds(60);
        EventId scoredLater = EventId.random();
        EventId scoredBefore = EventId.random();
        EventId storedLater = EventId.random();
        store.add("alice", List.of(event(scoredLater, T0), event(scoredBefore, T0.plusSeconds(1))), T0);
        store.saveScores("alice", List.of(score(scoredBefore, FINANCE, 0.5, T0.plusSeconds(10))));
        store.add("alice", List.of(event(storedLater, T0.plusSeconds(2))), accepted.plusSeconds(1));
        store.saveScores("alice", List.of(score(scoredLater, FINANCE, 0.1, accepted)));

        EventQuery unscored = new EventQuery("alice", null, null, null, FINANCE, null, 1);
        assertEquals(List.of(scoredLater), ids(allPages(unscored.asOf(accepted))), "the set as it stood then");
        assertEquals(1, store.count(unscored.asOf(accepted)));
        assertEquals(List.of(storedLater), ids(allPages(unscored)), "the set as it is now");
        assertEquals(
                List.of(scoredLater, scoredBefore), ids(allPages(all("alice", 1).asOf(accepted))));
    }
}
