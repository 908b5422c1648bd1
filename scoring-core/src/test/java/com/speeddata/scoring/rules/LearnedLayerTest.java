package com.speeddata.scoring.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.speeddata.scoring.manifest.ModelManifest;
import com.speeddata.scoring.manifest.TestManifests;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LearnedLayerTest {

    private static final double ALPHA = 15;

    @Test
    void rule_positions_follow_the_manifest_list() {
        for (int i = 0; i < ModelManifest.LEARNED_RULES.size(); i++) {
            assertEquals(i, LearnedLayer.ruleIndex(ModelManifest.LEARNED_RULES.get(i)));
        }
    }

    @Test
    void rule_items_are_scaled_by_rule_and_sign_and_ngrams_add_their_weights() {
        RuleEngine engine =
                new RuleEngine(TestManifests.learned(1, 0.5, Map.of("order", 0.25, "order worth", 0.5, "bad", -0.125)));
        List<Contribution> contributions = new ArrayList<>();
        double score = engine.explain("good order worth $5 but bad", contributions);
        assertEquals(
                List.of(
                        new Contribution("good", "term+contrast", 1.9 * 0.5 * 0.5),
                        new Contribution("bad", "term+contrast", -2.5 * 1.5),
                        new Contribution("order", "learned", 0.25),
                        new Contribution("order worth", "learned", 0.5),
                        new Contribution("bad", "learned", -0.125)),
                contributions);
        double sum = contributions.stream().mapToDouble(Contribution::weight).sum();
        assertEquals(sum / Math.sqrt(sum * sum + ALPHA), score, 1e-12);
        assertEquals(score, engine.score("good order worth $5 but bad"));
    }

    @Test
    void ngram_features_read_every_number_as_one_word_and_skip_links() {
        assertEquals(
                List.of("acme", "up", "acme up", "#", "up #", "trader", "# trader", "on", "trader on", "now"),
                NgramFeatures.of("$ACME up 5% @trader on https://t.co/x now"));
        assertEquals(List.of("order", "worth", "order worth"), NgramFeatures.of("Order, worth"));
    }
}
