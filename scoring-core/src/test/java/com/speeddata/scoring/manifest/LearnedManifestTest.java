package com.speeddata.scoring.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LearnedManifestTest {

    @Test
    void a_learned_layer_round_trips_through_the_canonical_bytes() {
        ModelManifest learned = TestManifests.learned(0.5, 0.25, Map.of("order worth", 0.75, "#", -0.125));
        byte[] bytes = learned.toCanonicalBytes();
        String text = TestManifests.text(bytes);
        assertTrue(text.contains("\nngram\torder worth\t0.75\n"), text);
        assertTrue(text.contains("\nrule_weight\tterm.positive\t0.25\n"), text);
        assertEquals(learned, ModelManifest.parseCanonical("x.model", bytes));
        assertTrue(learned.isLearned());
        assertFalse(TestManifests.small("t").isLearned());
    }

    @Test
    void a_rules_only_model_writes_no_learned_lines() {
        String text = TestManifests.text(TestManifests.small("t").toCanonicalBytes());
        assertFalse(text.contains("rule_weight") || text.contains("ngram"), text);
    }

    @Test
    void rule_weights_are_all_or_none_and_ngrams_need_them() {
        ManifestDraft partial = ManifestDraft.of(TestManifests.small("t"));
        partial.ruleWeights.put("term.positive", 1.0);
        assertTrue(assertThrows(IllegalArgumentException.class, partial::build)
                .getMessage()
                .contains("missing"));

        ManifestDraft ngramsOnly = ManifestDraft.of(TestManifests.small("t"));
        ngramsOnly.ngrams.put("profit", 1.0);
        assertThrows(IllegalArgumentException.class, ngramsOnly::build);

        Map<String, Double> ngrams = new HashMap<>();
        ngrams.put("three word gram", 1.0);
        assertThrows(IllegalArgumentException.class, () -> TestManifests.learned(1, 1, ngrams));
        assertThrows(IllegalArgumentException.class, () -> TestManifests.learned(1, 1, Map.of("Upper", 1.0)));
        assertThrows(IllegalArgumentException.class, () -> TestManifests.learned(11, 1, Map.of()));
    }

    @Test
    void an_unknown_rule_weight_is_refused_naming_its_line() {
        String text = TestManifests.text(TestManifests.learned(1, 1, Map.of()).toCanonicalBytes())
                .replace("rule_weight\tterm.negative", "rule_weight\tterm.sideways");
        InvalidModelException refused =
                assertThrows(InvalidModelException.class, () -> ModelManifest.parseLenient("x.txt", text));
        assertTrue(refused.getMessage().contains("term.sideways"), refused.getMessage());
    }
}
