package com.speeddata.scoring.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.scoring.manifest.ModelManifest;
import com.speeddata.scoring.manifest.Param;
import com.speeddata.scoring.manifest.TestManifests;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The numeric comparison rule, on the small test model with the rule switched on (weight 1.5, window 8). */
class NumericComparisonTest {

    private static final ModelManifest PLAIN = TestManifests.small("t");
    private static final ModelManifest COMPARING = PLAIN.withParam(Param.COMPARISON_WEIGHT, 1.5)
            .withParam(Param.COMPARISON_WINDOW, 8)
            .withParam(Param.COMPARISON_FLAT, 0.05);
    private static final double ONE_ITEM = 1.5 / Math.sqrt(1.5 * 1.5 + 15);

    private final RuleEngine engine = new RuleEngine(COMPARING);

    private double score(String text) {
        return engine.score(text);
    }

    @Test
    void the_figures_give_the_direction_and_the_metric_its_polarity() {
        assertEquals(
                -ONE_ITEM, score("Operating profit was EUR 1.6 mn compared with EUR 7.5 mn a year earlier"), 1e-12);
        assertEquals(ONE_ITEM, score("Operating profit was EUR 7.7 mn compared to EUR 4.0 mn in 2024"), 1e-12);
        assertEquals(ONE_ITEM, score("The loss was EUR 2 mn against EUR 5 mn"), 1e-12);
        assertEquals(-ONE_ITEM, score("Costs were 12 mn versus 9 mn"), 1e-12);
        assertEquals(-ONE_ITEM, score("Acme Q3 profit EUR 3.1 mn vs. EUR 5.4 mn"), 1e-12);
    }

    @Test
    void from_and_to_in_either_order_and_parentheses() {
        assertEquals(-ONE_ITEM, score("Net profit fell to 1.6 mn from 7.5 mn"), 1e-12);
        assertEquals(ONE_ITEM, score("Profit went from EUR 9 mn to EUR 12 mn"), 1e-12);
        assertEquals(ONE_ITEM, score("The loss narrowed to 2 mn from 5 mn"), 1e-12);
        assertEquals(ONE_ITEM, score("Profit EUR 7.7 mn (EUR 4.0 mn)"), 1e-12);
        assertEquals(-ONE_ITEM, score("Profit was EUR 88 mn, down from EUR 97 mn"), 1e-12);
    }

    @Test
    void the_figures_win_over_a_direction_word_and_the_direction_word_is_not_scored_again() {
        assertEquals(-ONE_ITEM, score("Profit rose to 1.6 mn from 7.5 mn"), 1e-12);
        List<Contribution> items = new ArrayList<>();
        engine.explain("profit fell to 1.6 mn from 7.5 mn", items);
        assertEquals(List.of(new Contribution("profit fell to 1.6 mn from 7.5 mn", "numeric_comparison", -1.5)), items);
    }

    @Test
    void units_scale_the_figures_and_different_units_do_not_compare() {
        assertTrue(score("Profit was EUR 1.2 bn compared with EUR 900 mn") > 0);
        assertTrue(score("Profit rose to 1,240 thousand from 1.1 mn") > 0);
        assertTrue(score("Profit was 3,1 mn compared with 5,4 mn") < 0, "decimal commas");
        assertTrue(score("Profit was 1.2bn compared with 900m") > 0, "units written onto the number");
        assertEquals(0.0, score("Costs were 12 % compared with 9 mn"));
    }

    @Test
    void a_loss_compared_with_a_profit_counts_the_earlier_figure_as_negative() {
        assertTrue(score("Profit was EUR 1.0 mn compared with a loss of EUR 5.0 mn") > 0);
        assertTrue(score("The loss was EUR 2.7 mn compared with a profit of EUR 0.9 mn") < 0);
    }

    @Test
    void small_changes_years_and_comparisons_without_a_metric_move_nothing() {
        assertEquals(0.0, score("Profit was EUR 64.1 mn compared with EUR 64.0 mn"), "within comparison_flat");
        assertEquals(0.0, score("The contract runs from 2026 to 2029"));
        assertEquals(0.0, score("Headcount was 900 compared with 800"), "no metric");
        assertEquals(0.0, score("Costs were reported on Monday compared with Tuesday"), "no figures");
        assertEquals(
                0.0,
                score("Costs and many other things were in the news a long time ago: 12 versus 10"),
                "out of window");
    }

    @Test
    void models_without_the_parameters_do_not_compare() {
        RuleEngine plain = new RuleEngine(PLAIN);
        assertEquals(0.0, plain.score("Costs were EUR 1.6 mn compared with EUR 7.5 mn"));
        assertTrue(plain.score("Costs rose to 1.6 mn from 7.5 mn") < 0, "the direction word alone, as before");
        assertTrue(score("Costs rose to 1.6 mn from 7.5 mn") > 0);
        RuleEngine noWindow = new RuleEngine(COMPARING.withParam(Param.COMPARISON_WINDOW, 0));
        assertEquals(0.0, noWindow.score("Costs were EUR 1.6 mn compared with EUR 7.5 mn"));
    }

    @Test
    void figures_are_read_as_news_writes_them() {
        assertEquals(1.6e6, figure("1.6 mn").value(), 1e-6);
        assertEquals(1240, figure("1,240").value(), 1e-9);
        assertEquals(3.1, figure("3,1").value(), 1e-12);
        assertEquals(1240.5, figure("1,240.5").value(), 1e-9);
        assertEquals(1240.5, figure("1.240,5").value(), 1e-9);
        assertEquals(22_410_000, figure("22,410,000").value(), 1e-6);
        assertEquals(3, figure("2-4 %").value(), 1e-12);
        assertEquals(Figure.PERCENT, figure("13.6 %").unit());
        assertEquals(1.2e9, figure("$1.2bn").value(), 1e-3);
        assertEquals(2024, figure("EUR 2024").value(), 1e-12);
        assertNull(figure("2024"), "a year");
        assertNull(figure("q3"));
        assertNull(figure("1..2"));
    }

    /** The figure at the last token that starts with a digit. */
    private static Figure figure(String text) {
        Tokens tokens = Tokenizer.tokenize(text);
        int at = 0;
        for (int i = 0; i < tokens.size(); i++) {
            if (Character.isDigit(tokens.word(i).charAt(0))) {
                at = i;
            }
        }
        return Figure.at(tokens, at);
    }
}
