package com.speeddata.scoring.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.scoring.LabelChanges;
import com.speeddata.scoring.eval.Headline;
import com.speeddata.scoring.events.InMemoryEventStore;
import com.speeddata.scoring.events.NewEvent;
import com.speeddata.scoring.events.SentimentEvent;
import com.speeddata.scoring.model.Model;
import com.speeddata.scoring.model.ModelRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RescoreEventsTest {
    private static final Instant T0 = Instant.parse("2026-01-05T14:30:00Z");

    @Test
    void the_changes_of_a_rescore_count_each_label_the_new_model_moved_from_the_previous_score() {
        InMemoryEventStore events = new InMemoryEventStore();
        List<String> headlines =
                Headline.loadAll().stream().map(Headline::text).limit(200).toList();
        List<SentimentEvent> stored = events.add(
                "alice",
                IntStream.range(0, headlines.size())
                        .mapToObj(i -> new NewEvent(null, "ACME", headlines.get(i), T0.plusSeconds(i)))
                        .toList(),
                T0);
        ModelRegistry models = ModelRegistry.bundled();
        Model baseline = models.findByName("vader-baseline").orElseThrow();
        Model finance = models.findByName("finance").orElseThrow();
        RescoreEvents rescorer = new RescoreEvents(events, Clock.systemUTC(), 1000);
        List<Rescored> first = rescorer.rescore(
                "alice", baseline, stored.stream().map(SentimentEvent::id).toList());
        assertEquals(0, Rescored.changes(first).total(), "no previous score: nothing moved");

        List<Rescored> second = rescorer.rescore(
                "alice", finance, stored.stream().map(SentimentEvent::id).toList());

        LabelChanges expected = new LabelChanges();
        headlines.forEach(text ->
                expected.add(baseline.score(text).label(), finance.score(text).label()));
        assertTrue(expected.total() > 0, "the two bundled models disagree somewhere on 200 headlines");
        assertEquals(expected.byName(), Rescored.changes(second).byName());
        assertTrue(Rescored.changes(second).byName().values().stream().allMatch(n -> n > 0));
    }
}
