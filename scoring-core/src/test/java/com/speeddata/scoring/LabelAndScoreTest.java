package com.speeddata.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LabelAndScoreTest {

    @Test
    void wire_names_are_lower_case() {
        assertEquals(List.of("positive", "negative", "neutral"), Label.wireNames());
        assertEquals("negative", Label.NEGATIVE.wireName());
    }

    @Test
    void wire_names_parse_exactly_and_nothing_else_does() {
        assertEquals(Optional.of(Label.NEUTRAL), Label.fromWireName("neutral"));
        assertTrue(Label.fromWireName("Neutral").isEmpty());
        assertTrue(Label.fromWireName("NEUTRAL").isEmpty());
        assertTrue(Label.fromWireName("").isEmpty());
        assertTrue(Label.fromWireName(null).isEmpty());
    }

    @Test
    void score_accepts_the_closed_interval() {
        assertEquals(-1.0, new Score(-1.0, Label.NEGATIVE).score());
        assertEquals(1.0, new Score(1.0, Label.POSITIVE).score());
    }

    @Test
    void score_refuses_values_outside_minus_one_to_one_and_nan() {
        var outside = assertThrows(IllegalArgumentException.class, () -> new Score(1.0001, Label.POSITIVE));
        assertTrue(outside.getMessage().contains("1.0001"), outside.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Score(Double.NaN, Label.NEUTRAL));
        assertThrows(IllegalArgumentException.class, () -> new Score(Double.NEGATIVE_INFINITY, Label.NEGATIVE));
    }

    @Test
    void score_refuses_a_missing_label() {
        assertThrows(NullPointerException.class, () -> new Score(0, null));
    }
}
