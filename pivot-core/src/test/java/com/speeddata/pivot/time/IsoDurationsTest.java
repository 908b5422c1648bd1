package com.speeddata.pivot.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoDurationsTest {

    @Test
    void contract_examples_parse_to_nanoseconds() {
        assertEquals(OptionalLong.of(3_600_000_000_000L), IsoDurations.parseNanos("PT1H"));
        assertEquals(OptionalLong.of(1_000_000L), IsoDurations.parseNanos("PT0.001S"));
        assertEquals(OptionalLong.of(1_000L), IsoDurations.parseNanos("PT0.000001S"));
        assertEquals(OptionalLong.of(1L), IsoDurations.parseNanos("PT0.000000001S"));
        assertEquals(OptionalLong.of(86_400_000_000_000L), IsoDurations.parseNanos("P1D"));
        assertEquals(OptionalLong.of(90_061_500_000_000L), IsoDurations.parseNanos("P1DT1H1M1.5S"));
    }

    @Test
    void weeks_are_seven_days() {
        assertEquals(OptionalLong.of(2 * 7 * 86_400_000_000_000L), IsoDurations.parseNanos("P2W"));
    }

    @Test
    void sign_and_zero_are_kept_for_the_caller_to_judge() {
        assertEquals(OptionalLong.of(-3_600_000_000_000L), IsoDurations.parseNanos("-PT1H"));
        assertEquals(OptionalLong.of(0), IsoDurations.parseNanos("PT0S"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "1H",
                "PT",
                "P1Y",
                "P1M",
                "PT1.5H",
                "PT0.0000000001S",
                "P106752D",
                "P99999999W",
                "PT1H ",
                "one hour",
                "3600"
            })
    void text_that_is_not_an_iso_8601_duration_of_days_to_seconds_or_overflows_is_invalid(String text) {
        assertEquals(OptionalLong.empty(), IsoDurations.parseNanos(text));
    }

    @Test
    void null_is_invalid() {
        assertEquals(OptionalLong.empty(), IsoDurations.parseNanos(null));
    }

    @Test
    void format_is_read_back_by_parse() {
        assertEquals("PT0.001S", IsoDurations.format(1_000_000));
        assertEquals(OptionalLong.of(123_456_789_012L), IsoDurations.parseNanos(IsoDurations.format(123_456_789_012L)));
    }
}
