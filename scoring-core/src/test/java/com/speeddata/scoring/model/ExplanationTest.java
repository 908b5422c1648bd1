package com.speeddata.scoring.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.scoring.Score;
import com.speeddata.scoring.eval.Headline;
import com.speeddata.scoring.manifest.BundledModelSources;
import com.speeddata.scoring.manifest.ModelManifest;
import com.speeddata.scoring.manifest.Param;
import com.speeddata.scoring.manifest.TestManifests;
import com.speeddata.scoring.rules.Contribution;
import com.speeddata.scoring.rules.Explanation;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Explanations are the engine's real contributions: their weights, combined as the engine does, give the score. */
class ExplanationTest {

    private final Model small = Model.compile("test", TestManifests.small("t"), false);

    @Test
    void the_weights_reproduce_the_score_of_every_evaluation_headline_under_every_bundled_model() {
        List<String> texts = new java.util.ArrayList<>(
                Headline.loadAll().stream().map(Headline::text).toList());
        texts.addAll(List.of(
                "",
                "Acme profit fell!!! but is it bad??",
                "NOT a GOOD quarter, slightly better costs",
                "Oil prices fall as OPEC+ agrees to boost output",
                "SEC closes probe without enforcement action"));
        for (Model model : ModelRegistry.bundled().models()) {
            double alpha = bundledManifest(model).param(Param.ALPHA);
            int explainedNonZero = 0;
            for (String text : texts) {
                Explanation explanation = model.explain(text);
                Score score = model.score(text);
                assertEquals(score, explanation.score(), model.name() + ": " + text);
                assertEquals(score.score(), combined(explanation.sum(), alpha), 1e-12, model.name() + ": " + text);
                if (score.score() != 0) {
                    explainedNonZero++;
                    assertTrue(!explanation.contributions().isEmpty(), "a score that moved says why: " + text);
                }
                for (Contribution contribution : explanation.contributions()) {
                    assertTrue(contribution.weight() != 0, contribution.toString());
                    if (!contribution.rule().startsWith(Contribution.Rule.PUNCTUATION)) {
                        assertTrue(appearsIn(contribution.text(), text), contribution + " in " + text);
                    }
                }
            }
            assertTrue(explainedNonZero > texts.size() / 2, model.name() + " explained " + explainedNonZero);
        }
    }

    @Test
    void a_negated_term_is_one_contribution_named_with_its_modifier() {
        Explanation explanation = small.explain("not good");
        assertEquals(List.of(new Contribution("good", "term+negation", -0.74 * 1.9)), explanation.contributions());
    }

    @Test
    void boosters_caps_and_contrast_are_named_on_the_item_they_change() {
        List<Contribution> contributions =
                small.explain("very GOOD results but bad costs").contributions();
        assertEquals(
                List.of("term+caps+booster+contrast", "term+contrast"),
                contributions.stream().map(Contribution::rule).toList());
        assertEquals(
                List.of("good", "bad"),
                contributions.stream().map(Contribution::text).toList());
        assertEquals(-2.5 * 1.5, contributions.get(1).weight(), 1e-12);
    }

    @Test
    void a_direction_with_its_metric_and_a_phrase_are_one_item_each() {
        assertEquals(
                List.of(new Contribution("loss narrowed", "direction_metric", 1.5)),
                small.explain("loss narrowed").contributions());
        assertEquals(
                List.of(new Contribution("profit warning", "phrase", -2.5)),
                small.explain("Acme issues profit warning").contributions());
        assertEquals(
                List.of(new Contribution("rose", "bare_direction", 1.5 * 0.8)),
                small.explain("shares rose").contributions());
    }

    @Test
    void punctuation_emphasis_is_its_own_contribution_in_the_direction_of_the_sum() {
        List<Contribution> contributions = small.explain("bad!!").contributions();
        assertEquals(2, contributions.size());
        assertEquals(new Contribution("!!", "punctuation", -2 * 0.292), contributions.get(1));
        assertEquals(List.of(), small.explain("what?? nothing!!").contributions(), "no sum: nothing to emphasise");
    }

    @Test
    void explaining_never_changes_the_score() {
        for (String text : List.of("good", "not very good", "loss narrowed but costs rose", "GOOD!!! bad??")) {
            assertEquals(small.score(text), small.explain(text).score(), text);
        }
    }

    private static double combined(double sum, double alpha) {
        double compound = sum / Math.sqrt(sum * sum + alpha);
        return Double.isNaN(compound) ? 0 : Math.max(-1, Math.min(1, compound));
    }

    /** Each word of the item is a word of the text (the engine lower-cases; apostrophes and accents may vary). */
    private static boolean appearsIn(String item, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String word : item.split(" ")) {
            if (!lower.contains(word)) {
                return false;
            }
        }
        return true;
    }

    private static ModelManifest bundledManifest(Model model) {
        String file = model.name() + ".model";
        return ModelManifest.parseCanonical(file, BundledModelSources.resource("models/" + file));
    }
}
