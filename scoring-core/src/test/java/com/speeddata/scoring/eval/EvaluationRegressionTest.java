package com.speeddata.scoring.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.scoring.model.Model;
import com.speeddata.scoring.model.ModelRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Guards the finance model against regressions on the TUNE split only. The holdout figure is
 * reported by {@code scripts/scoring-models evaluate} and deliberately not asserted here, so that
 * making a test pass can never become a reason to tune on the holdout.
 */
class EvaluationRegressionTest {

    private static final ModelRegistry REGISTRY = ModelRegistry.bundled();

    @Test
    void finance_model_stays_accurate_on_the_tune_split_and_well_ahead_of_the_baseline() {
        var rows = Headline.loadAll();
        double financeAccuracy = tuneAccuracy("finance", rows);
        double baselineAccuracy = tuneAccuracy("vader-baseline", rows);
        assertTrue(financeAccuracy >= 0.90, "finance tune accuracy " + financeAccuracy);
        assertTrue(
                financeAccuracy - baselineAccuracy >= 0.20,
                "finance " + financeAccuracy + " vs baseline " + baselineAccuracy);
    }

    @Test
    void finance_news_model_stays_accurate_on_both_tune_splits_and_ahead_of_finance_on_news() {
        var newsRows = Headline.loadNews();
        double newsAccuracy = tuneAccuracy("finance-news", newsRows);
        double financeAccuracy = tuneAccuracy("finance", newsRows);
        double headlineAccuracy = tuneAccuracy("finance-news", Headline.loadAll());
        assertTrue(newsAccuracy >= 0.90, "finance-news accuracy on news-tune " + newsAccuracy);
        assertTrue(
                newsAccuracy - financeAccuracy >= 0.10,
                "finance-news " + newsAccuracy + " vs finance " + financeAccuracy);
        assertTrue(headlineAccuracy >= 0.90, "finance-news accuracy on the headline tune split " + headlineAccuracy);
    }

    @Test
    void finance_wire_model_stays_ahead_of_finance_news_on_the_blind_tune_split_and_accurate_on_headlines() {
        var wireRows = Headline.loadWire();
        double wireAccuracy = tuneAccuracy("finance-wire", wireRows);
        double newsAccuracy = tuneAccuracy("finance-news", wireRows);
        double headlineAccuracy = tuneAccuracy("finance-wire", Headline.loadAll());
        assertTrue(wireAccuracy >= 0.85, "finance-wire accuracy on wire-tune " + wireAccuracy);
        assertTrue(
                wireAccuracy - newsAccuracy >= 0.05,
                "finance-wire " + wireAccuracy + " vs finance-news " + newsAccuracy);
        assertTrue(headlineAccuracy >= 0.90, "finance-wire accuracy on the headline tune split " + headlineAccuracy);
    }

    /** The accuracy of the bundled model {@code name} on the TUNE rows of {@code rows}. */
    private static double tuneAccuracy(String name, List<Headline> rows) {
        Model model = REGISTRY.findByName(name).orElseThrow();
        return EvaluateModels.evaluate(model, rows, row -> !row.isHoldout()).accuracy();
    }
}
