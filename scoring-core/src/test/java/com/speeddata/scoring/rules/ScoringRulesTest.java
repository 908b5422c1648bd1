package com.speeddata.scoring.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.scoring.manifest.ModelManifest;
import com.speeddata.scoring.manifest.Param;
import com.speeddata.scoring.manifest.TestManifests;
import org.junit.jupiter.api.Test;

/** The VADER-style rules, on a small hand-made model so each rule can be seen alone. */
class ScoringRulesTest {

    private final RuleEngine engine = new RuleEngine(TestManifests.small("t"));

    private double score(String text) {
        return engine.score(text);
    }

    @Test
    void text_without_lexicon_words_scores_zero() {
        assertEquals(0.0, score("Acme schedules a call on Tuesday"));
        assertEquals(0.0, score(""));
    }

    @Test
    void compound_is_sum_normalised_by_alpha() {
        double sum = 1.9;
        assertEquals(sum / Math.sqrt(sum * sum + 15), score("good"), 1e-12);
    }

    @Test
    void negation_within_three_tokens_flips_and_shrinks() {
        assertEquals(-0.74 * 1.9 / Math.sqrt(0.74 * 1.9 * 0.74 * 1.9 + 15), score("not good"), 1e-12);
        assertTrue(score("not really very good") < 0);
        assertTrue(score("not one two three good") > 0, "four tokens back is out of the window");
    }

    @Test
    void boosters_intensify_and_dampeners_soften() {
        assertTrue(score("very good") > score("good"));
        assertTrue(score("slightly good") < score("good"));
        assertTrue(score("very bad") < score("bad"));
    }

    @Test
    void but_halves_what_comes_before_and_raises_what_follows() {
        assertTrue(score("good but bad") < 0);
        assertTrue(score("bad but good") > 0);
    }

    @Test
    void all_caps_word_among_mixed_case_is_emphasised_but_all_caps_text_is_not() {
        assertTrue(score("profit is GOOD today") > score("profit is good today"));
        assertEquals(score("good"), score("GOOD"), 1e-12);
    }

    @Test
    void exclamation_marks_add_emphasis_up_to_four() {
        assertTrue(score("good!") > score("good"));
        assertEquals(score("good!!!!"), score("good!!!!!!!!"), 1e-12);
        assertTrue(score("bad!") < score("bad"));
        assertEquals(0.0, score("nothing to see!!!"));
    }

    @Test
    void phrases_replace_their_words() {
        assertEquals(score("in the red"), engine.score("xx in the red xx"), 1e-12);
        assertTrue(score("profit warning") < 0, "the phrase wins over profit's own valence");
    }

    @Test
    void direction_times_metric_gives_finance_readings() {
        assertTrue(score("profit rose") > 0);
        assertTrue(score("profit fell") < 0);
        assertTrue(score("loss narrowed") > 0);
        assertTrue(score("costs rose") < 0);
        assertTrue(score("loss narrowed") > 0 && score("loss") < 0);
    }

    @Test
    void metric_may_stand_a_little_before_or_after_its_direction() {
        assertTrue(score("profit for the year rose") > 0, "three tokens before");
        assertTrue(score("rose two profit") > 0, "two tokens after");
        assertTrue(score("costs two three rose") < 0, "three tokens before: costs rose");
        assertTrue(score("costs one two three rose") > 0, "four tokens before: too far, rose counts bare");
    }

    @Test
    void a_metric_in_another_clause_is_not_used() {
        assertTrue(score("costs: profit rose") > 0);
        assertTrue(score("costs; rose") > 0, "bare direction, costs stays out");
    }

    @Test
    void neutralised_word_scores_nothing_even_when_boosted() {
        assertEquals(0.0, score("very liability"));
    }

    @Test
    void scores_stay_inside_minus_one_to_one() {
        assertTrue(score("good ".repeat(10_000)) <= 1.0);
        assertTrue(score("bad!!!! ".repeat(10_000)) >= -1.0);
    }

    @Test
    void bare_direction_words_score_with_the_bare_weight() {
        RuleEngine withBare = new RuleEngine(TestManifests.small("t"));
        double sum = 1.5 * 0.8;
        assertEquals(sum / Math.sqrt(sum * sum + 15), withBare.score("Acme rose"), 1e-12);
        ModelManifest noBare = TestManifests.small("t").withParam(Param.BARE_DIRECTION_WEIGHT, 0.0);
        assertEquals(0.0, new RuleEngine(noBare).score("Acme rose"));
        assertTrue(
                new RuleEngine(TestManifests.withTerm(noBare, "rose", 1.0)).score("Acme rose") > 0,
                "a term of its own wins");
    }
}
