package com.speeddata.scoring.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.scoring.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the bundled finance model must get right, whatever the tuning (none of these rows is in the eval set). */
class FinanceModelTest {

    private static final ModelRegistry REGISTRY = ModelRegistry.bundled();
    private final Model finance = REGISTRY.findByName("finance").orElseThrow();
    private final Model baseline = REGISTRY.findByName("vader-baseline").orElseThrow();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Acme profit rose 12% in the quarter | POSITIVE",
                "Acme net loss narrowed to $3 million | POSITIVE",
                "Acme costs rose sharply | NEGATIVE",
                "Acme debt fell by a third | POSITIVE",
                "Acme guidance cut | NEGATIVE",
                "Acme cuts guidance for the year | NEGATIVE",
                "Acme raises full-year outlook | POSITIVE",
                "Acme downgraded at broker | NEGATIVE",
                "Acme books impairment on unit | NEGATIVE",
                "Acme beats estimates | POSITIVE",
                "Acme misses estimates | NEGATIVE",
                "Acme to cut 500 jobs | NEGATIVE",
                "Acme schedules Q3 earnings call | NEUTRAL",
                "Acme tender offer for shares, liability noted | NEUTRAL",
                "Acme revenue flat | NEUTRAL",
                "Acme loss widens | NEGATIVE",
                "Unemployment falls to 3.9% | POSITIVE",
                "Inflation accelerates again | NEGATIVE",
                "Acme shares jump after upgrade | POSITIVE",
                "Acme profit beats but guidance disappoints | NEGATIVE",
                "Acme shares rise despite profit drop | POSITIVE",
                "Acme avoids bankruptcy | POSITIVE",
            })
    void finance_model_reads_headlines_as_a_markets_reader(String text, Label expected) {
        assertEquals(expected, finance.score(text).label(), () -> text + " scored " + finance.score(text));
    }

    @Test
    void direction_times_metric_is_what_the_baseline_lacks() {
        assertEquals(Label.NEGATIVE, baseline.score("Acme loss narrowed").label());
        assertEquals(Label.POSITIVE, finance.score("Acme loss narrowed").label());
        assertEquals(Label.NEUTRAL, baseline.score("Acme costs rose").label());
        assertEquals(Label.NEGATIVE, finance.score("Acme costs rose").label());
    }

    @Test
    void words_neutral_in_markets_are_neutral_in_finance_only() {
        for (String word : new String[] {"liability", "share", "interest", "credit", "trust"}) {
            assertEquals(0.0, finance.score("Acme " + word).score(), word);
            assertTrue(baseline.score("Acme " + word).score() != 0, word);
        }
        assertEquals(0.0, finance.score("Acme tender").score());
    }

    @Test
    void label_follows_the_neutral_band() {
        double band = finance.neutralBand();
        assertEquals(Label.NEUTRAL, finance.labelOf(0));
        assertEquals(Label.NEUTRAL, finance.labelOf(band / 2));
        assertEquals(Label.POSITIVE, finance.labelOf(band));
        assertEquals(Label.NEGATIVE, finance.labelOf(-band));
        assertEquals(Label.NEUTRAL, finance.labelOf(-band / 2));
    }
}
