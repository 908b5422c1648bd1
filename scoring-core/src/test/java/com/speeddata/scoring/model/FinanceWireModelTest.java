package com.speeddata.scoring.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.speeddata.scoring.Label;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the default model, finance-wire, must get right: plain descriptions of a business stay neutral whatever
 * general words they use, and events and figures still move the score (none of these rows is in an eval set).
 */
class FinanceWireModelTest {

    private final Model wire =
            ModelRegistry.bundled().findByName("finance-wire").orElseThrow();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Acme is a leading global supplier of safety equipment for mines. | NEUTRAL",
                "The group offers accident insurance and crisis management services to municipalities. | NEUTRAL",
                "Its software helps hospitals protect patient data against fraud and cyber attacks. | NEUTRAL",
                "The annual general meeting will be held in Oulu on 12 April. | NEUTRAL",
                "Acme profit beats but guidance disappoints | NEGATIVE",
                "Operating profit totalled EUR 4.1 mn, compared with EUR 6.3 mn a year earlier. | NEGATIVE",
                "Net sales rose to EUR 84.2 mn from EUR 71.0 mn. | POSITIVE",
                "Borvik Cranes will supply eight harbour cranes to a new terminal in Lund. | POSITIVE",
                "The group will close its plant in Kemi, affecting 120 employees. | NEGATIVE",
                "Globex shares plunge after regulator opens fraud probe | NEGATIVE",
                "Acme swung to a loss of EUR 2 mn in the quarter. | NEGATIVE",
            })
    void reads_press_release_sentences_as_an_investor(String text, Label expected) {
        assertEquals(expected, wire.score(text).label(), text + " scored " + wire.score(text));
    }
}
