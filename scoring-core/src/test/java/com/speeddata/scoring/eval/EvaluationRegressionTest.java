package com.speeddata.scoring.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.scoring.model.Model;
import com.speeddata.scoring.model.ModelRegistry;
import org.junit.jupiter.api.Test;

/**
 * Guards the finance model against regressions on the TUNE split only. The holdout figure is
 * reported by {@code scripts/scoring-models evaluate} and deliberately not asserted here, so that
 * making a test pass can never become a reason to tune on the holdout.
 */
class EvaluationRegressionTest {

    @Test
    void finance_model_stays_accurate_on_the_tune_split_and_well_ahead_of_the_baseline() {
        ModelRegistry registry = ModelRegistry.bundled();
        Model finance = registry.findByName("finance").orElseThrow();
        Model baseline = registry.findByName("vader-baseline").orElseThrow();
        var rows = Headline.loadAll();
        double financeAccuracy =
                EvaluateModels.evaluate(finance, rows, row -> !row.isHoldout()).accuracy();
        double baselineAccuracy =
                EvaluateModels.evaluate(baseline, rows, row -> !row.isHoldout()).accuracy();
        assertTrue(financeAccuracy >= 0.90, "finance tune accuracy " + financeAccuracy);
        assertTrue(
                financeAccuracy - baselineAccuracy >= 0.20,
                "finance " + financeAccuracy + " vs baseline " + baselineAccuracy);
    }

    @Test
    void finance_news_model_stays_accurate_on_both_tune_splits_and_ahead_of_finance_on_news() {
        ModelRegistry registry = ModelRegistry.bundled();
        Model news = registry.findByName("finance-news").orElseThrow();
        var newsRows = Headline.loadNews();
        double newsAccuracy =
                EvaluateModels.evaluate(news, newsRows, row -> !row.isHoldout()).accuracy();
        double financeAccuracy = EvaluateModels.evaluate(
                        registry.findByName("finance").orElseThrow(), newsRows, row -> !row.isHoldout())
                .accuracy();
        double headlineAccuracy = EvaluateModels.evaluate(news, Headline.loadAll(), row -> !row.isHoldout())
                .accuracy();
        assertTrue(newsAccuracy >= 0.90, "finance-news accuracy on news-tune " + newsAccuracy);
        assertTrue(
                newsAccuracy - financeAccuracy >= 0.10,
                "finance-news " + newsAccuracy + " vs finance " + financeAccuracy);
        assertTrue(headlineAccuracy >= 0.90, "finance-news accuracy on the headline tune split " + headlineAccuracy);
    }

    @Test
    void finance_wire_model_stays_ahead_of_finance_news_on_the_blind_tune_split_and_accurate_on_headlines() {
        ModelRegistry registry = ModelRegistry.bundled();
        Model wire = registry.findByName("finance-wire").orElseThrow();
        Model news = registry.findByName("finance-news").orElseThrow();
        var wireRows = Headline.loadWire();
        double wireAccuracy =
                EvaluateModels.evaluate(wire, wireRows, row -> !row.isHoldout()).accuracy();
        double newsAccuracy =
                EvaluateModels.evaluate(news, wireRows, row -> !row.isHoldout()).accuracy();
        double headlineAccuracy = EvaluateModels.evaluate(wire, Headline.loadAll(), row -> !row.isHoldout())
                .accuracy();
        assertTrue(wireAccuracy >= 0.85, "finance-wire accuracy on wire-tune " + wireAccuracy);
        assertTrue(
                wireAccuracy - newsAccuracy >= 0.05,
                "finance-wire " + wireAccuracy + " vs finance-news " + newsAccuracy);
        assertTrue(headlineAccuracy >= 0.90, "finance-wire accuracy on the headline tune split " + headlineAccuracy);
    }
}
