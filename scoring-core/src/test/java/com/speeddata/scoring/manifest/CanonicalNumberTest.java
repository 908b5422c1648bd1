package com.speeddata.scoring.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalNumberTest {

    @Test
    void formats_plain_decimals_without_trailing_zeros_or_exponent() {
        assertEquals("0", CanonicalNumber.format(0.0));
        assertEquals("0", CanonicalNumber.format(-0.0));
        assertEquals("15", CanonicalNumber.format(15.0));
        assertEquals("-0.74", CanonicalNumber.format(-0.74));
        assertEquals("0.293", CanonicalNumber.format(0.293));
        assertEquals("1000000", CanonicalNumber.format(1e6));
        assertEquals("0.000001", CanonicalNumber.format(1e-6));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "15", "-0.74", "0.293", "3.1", "-4", "0.000001", "1000"})
    void canonical_text_reads_back(String text) {
        assertEquals(Optional.of(Double.parseDouble(text)), CanonicalNumber.parseCanonical(text));
        assertEquals(
                text,
                CanonicalNumber.format(CanonicalNumber.parseCanonical(text).orElseThrow()));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1.50",
                "+1",
                "1e0",
                "-0",
                "01",
                ".5",
                "5.",
                "NaN",
                "Infinity",
                "0x1p1",
                "1.5d",
                " 1",
                "1 ",
                "",
                "0.0000001",
                "1,5",
                "--1",
                "1.2.3"
            })
    void anything_else_is_refused_by_the_canonical_parser(String text) {
        assertTrue(CanonicalNumber.parseCanonical(text).isEmpty(), text);
    }

    @Test
    void lenient_parser_accepts_other_spellings_of_the_same_number() {
        assertEquals(Optional.of(1.5), CanonicalNumber.parseLenient("+1.50"));
        assertEquals(Optional.of(0.2), CanonicalNumber.parseLenient("2e-1"));
        assertTrue(CanonicalNumber.parseLenient("0.1234567").isEmpty());
        assertTrue(CanonicalNumber.parseLenient("abc").isEmpty());
    }

    @Test
    void values_with_more_than_six_fraction_digits_are_refused_in_a_manifest() {
        var e = assertThrows(
                IllegalArgumentException.class, () -> CanonicalNumber.requireInRange("term x", 0.1234567, -10, 10));
        assertTrue(e.getMessage().contains("0.1234567"), e.getMessage());
    }
}
