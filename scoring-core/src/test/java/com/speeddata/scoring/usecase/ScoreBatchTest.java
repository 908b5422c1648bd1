package com.speeddata.scoring.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.speeddata.scoring.events.EventQuery;
import com.speeddata.scoring.events.InMemoryEventStore;
import com.speeddata.scoring.events.NewEvent;
import com.speeddata.scoring.model.Model;
import com.speeddata.scoring.model.ModelRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ScoreBatchTest {
    private static final Instant T0 = Instant.parse("2026-01-05T14:30:00Z");

    @Test
    void a_retried_batch_over_an_unscored_selection_covers_the_same_events_as_its_first_attempt() throws Exception {
        InMemoryEventStore events = new InMemoryEventStore();
        events.add(
                "alice",
                IntStream.range(0, 5)
                        .mapToObj(i -> new NewEvent(null, "ACME", "Acme beats estimates " + i, T0.plusSeconds(i)))
                        .toList(),
                T0);
        Instant accepted = T0.plusSeconds(30);
        ScoreBatch batch = new ScoreBatch(events, Clock.fixed(accepted.plusSeconds(5), ZoneOffset.UTC), 2);
        Model model = ModelRegistry.bundled().defaultModel();
        BatchItems items = new BatchItems.Selection(new EventQuery("alice", null, null, null, null, null, 100), true)
                .asOf(accepted);

        List<BatchResult> firstAttempt = new ArrayList<>();
        assertThrows(
                IllegalStateException.class,
                () -> batch.run(
                        "alice",
                        model,
                        items,
                        page -> {
                            firstAttempt.addAll(page);
                            throw new IllegalStateException("the database went away after the first page");
                        },
                        (done, failed, total) -> {}));
        assertEquals(2, firstAttempt.size(), "the first page's scores were saved");

        List<BatchResult> retry = new ArrayList<>();
        ScoreBatch.Summary summary = batch.run("alice", model, items, retry::addAll, (done, failed, total) -> {});
        assertEquals(5, summary.total());
        assertEquals(5, retry.size(), "the events scored by the first attempt are still part of the batch");
    }
}
