package com.speeddata.scoring.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.scoring.model.Model;
import com.speeddata.scoring.model.ModelRegistry;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ScoreHeadlinesTest {
    private final ModelRegistry models = ModelRegistry.bundled();
    private final ScoreHeadlines scorer = new ScoreHeadlines(models, 3);
    private final Model baseline = models.findByName("vader-baseline").orElseThrow();

    @Test
    void a_model_is_named_by_sha_by_name_or_both_alike_and_is_the_default_when_none_is_named() {
        assertEquals(models.defaultModel(), scorer.model(null, null));
        assertEquals(baseline, scorer.model(null, "vader-baseline"));
        assertEquals(baseline, scorer.model(baseline.sha(), null));
        assertEquals(baseline, scorer.model(baseline.sha().toUpperCase(Locale.ROOT), "vader-baseline"));
    }

    @Test
    void an_unknown_name_or_sha_and_a_name_that_is_another_model_than_the_sha_are_refused() {
        assertTrue(assertThrows(UnknownModelException.class, () -> scorer.model(null, "Finance"))
                .getMessage()
                .contains("no model named 'Finance'"));
        assertThrows(UnknownModelException.class, () -> scorer.model("ab".repeat(32), "finance"));
        String message = assertThrows(ConflictingModelsException.class, () -> scorer.model(baseline.sha(), "finance"))
                .getMessage();
        assertTrue(
                message.contains(models.findByName("finance").orElseThrow().sha()) && message.contains(baseline.sha()),
                message);
    }

    @Test
    void explained_scores_are_the_scores_in_request_order_and_capped_alike() {
        List<String> texts = List.of("Acme profit fell", "Acme wins contract", "Acme schedules call");
        Model model = models.defaultModel();
        assertEquals(
                scorer.score(model, texts),
                scorer.explain(model, texts).stream().map(e -> e.score()).toList());
        assertThrows(TooManyItemsException.class, () -> scorer.explain(model, List.of("a", "b", "c", "d")));
    }
}
