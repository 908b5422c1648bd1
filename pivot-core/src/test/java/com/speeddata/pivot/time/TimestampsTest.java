package com.speeddata.pivot.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    private static long nanos(String text) {
        return Timestamps.parse(text).orElseThrow();
    }

    @Test
    void utc_instant_parses_to_nanoseconds_since_epoch() {
        assertEquals(0L, nanos("1970-01-01T00:00:00Z"));
        assertEquals(1_737_640_800_000_000_000L, nanos("2025-01-23T14:00:00Z"));
    }

    @Test
    void offset_is_subtracted_to_get_utc() {
        assertEquals(nanos("2025-01-23T14:00:00Z"), nanos("2025-01-23T15:00:00+01:00"));
        assertEquals(nanos("2025-01-23T14:00:00Z"), nanos("2025-01-23T09:30:00-04:30"));
        assertEquals(nanos("2025-01-23T14:00:00Z"), nanos("2025-01-23T14:00:00-00:00"));
    }

    @Test
    void fraction_of_one_to_nine_digits_is_read_as_a_decimal_fraction() {
        long base = nanos("2025-01-23T14:00:00Z");
        assertEquals(base + 100_000_000, nanos("2025-01-23T14:00:00.1Z"));
        assertEquals(base + 1_000_000, nanos("2025-01-23T14:00:00.001Z"));
        assertEquals(base + 123_456, nanos("2025-01-23T14:00:00.000123456Z"));
        assertEquals(base + 1, nanos("2025-01-23T14:00:00.000000001Z"));
        assertEquals(base + 999_999_999, nanos("2025-01-23T14:00:00.999999999+00:00"));
    }

    @Test
    void lower_case_separators_and_a_space_are_accepted_as_rfc_3339_allows() {
        long expected = nanos("2025-01-23T14:00:00Z");
        assertEquals(expected, nanos("2025-01-23t14:00:00z"));
        assertEquals(expected, nanos("2025-01-23 14:00:00Z"));
    }

    @Test
    void leap_day_exists_only_in_leap_years() {
        assertTrue(Timestamps.parse("2024-02-29T00:00:00Z").isPresent());
        assertTrue(Timestamps.parse("2000-02-29T00:00:00Z").isPresent());
        assertTrue(Timestamps.parse("2025-02-29T00:00:00Z").isEmpty());
        assertTrue(Timestamps.parse("2100-02-29T00:00:00Z").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "2025-01-23",
                "2025-01-23T14:00:00",
                "2025-01-23T14:00:00.5",
                "2025-01-23T14:00Z",
                "2025-01-23T14:00:00+01",
                "2025-01-23T14:00:00+0100",
                "2025-01-23T14:00:00+24:00",
                "2025-01-23T14:00:00+01:60",
                "2025-13-01T00:00:00Z",
                "2025-00-01T00:00:00Z",
                "2025-04-31T00:00:00Z",
                "2025-01-00T00:00:00Z",
                "2025-01-23T24:00:00Z",
                "2025-01-23T14:60:00Z",
                "2025-01-23T14:00:60Z",
                "2025-01-23T14:00:00.Z",
                "2025-01-23T14:00:00.1234567890Z",
                "2025-01-23X14:00:00Z",
                "2025-01-23T14:00:00ZZ",
                "2025-01-23T14:00:00Z ",
                " 2025-01-23T14:00:00Z",
                "+2025-01-23T14:00:00Z",
                "2025-1-23T14:00:00Z",
                "2025/01/23T14:00:00Z",
                "1737640800000000000",
                "now",
                "2025-01-23T14:00:00UTC",
                "2025-01-23T14:00:00\u0661Z"
            })
    void text_that_is_not_rfc_3339_with_a_zone_is_invalid(String text) {
        assertEquals(OptionalLong.empty(), Timestamps.parse(text));
    }

    @Test
    void null_is_invalid() {
        assertEquals(OptionalLong.empty(), Timestamps.parse(null));
    }

    @Test
    void int64_limits_are_the_supported_range_and_one_nanosecond_beyond_is_invalid() {
        assertEquals(Long.MIN_VALUE, nanos(Timestamps.MIN_TEXT));
        assertEquals(Long.MAX_VALUE, nanos(Timestamps.MAX_TEXT));
        assertTrue(Timestamps.parse("1677-09-21T00:12:43.145224191Z").isEmpty());
        assertTrue(Timestamps.parse("2262-04-11T23:47:16.854775808Z").isEmpty());
        assertTrue(Timestamps.parse("1677-09-21T00:12:43Z").isEmpty());
        assertTrue(Timestamps.parse("2262-04-11T23:47:17Z").isEmpty());
        assertTrue(Timestamps.parse("0000-01-01T00:00:00Z").isEmpty());
        assertTrue(Timestamps.parse("9999-12-31T23:59:59.999999999Z").isEmpty());
    }

    @Test
    void offset_can_bring_an_out_of_range_local_time_into_range() {
        assertEquals(Long.MAX_VALUE, nanos("2262-04-12T00:47:16.854775807+01:00"));
    }

    @Test
    void format_writes_utc_with_as_many_fraction_digits_as_needed() {
        assertEquals("2025-01-23T14:00:00Z", Timestamps.format(nanos("2025-01-23T15:00:00+01:00")));
        assertEquals("2025-01-23T14:00:00.100Z", Timestamps.format(nanos("2025-01-23T14:00:00.1Z")));
        assertEquals("2025-01-23T14:00:00.001Z", Timestamps.format(nanos("2025-01-23T14:00:00.001Z")));
        assertEquals("2025-01-23T14:00:00.000001Z", Timestamps.format(nanos("2025-01-23T14:00:00.000001Z")));
        assertEquals("2025-01-23T14:00:00.000000001Z", Timestamps.format(nanos("2025-01-23T14:00:00.000000001Z")));
    }

    @Test
    void format_handles_instants_before_the_epoch_and_the_int64_limits() {
        assertEquals("1969-12-31T23:59:59.999999999Z", Timestamps.format(-1));
        assertEquals("1970-01-01T00:00:00Z", Timestamps.format(0));
        assertEquals(Timestamps.MIN_TEXT, Timestamps.format(Long.MIN_VALUE));
        assertEquals(Timestamps.MAX_TEXT, Timestamps.format(Long.MAX_VALUE));
    }

    @Test
    void format_and_parse_agree_with_java_time_on_random_instants() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 20_000; i++) {
            long ns =
                    switch (i % 4) {
                        case 0 -> random.nextLong();
                        case 1 -> random.nextLong() / 1_000_000 * 1_000_000;
                        case 2 -> random.nextLong() / 1_000_000_000 * 1_000_000_000;
                        default -> random.nextLong() / 1000 * 1000;
                    };
            Instant instant = Timestamps.toInstant(ns);
            String text = Timestamps.format(ns);
            assertEquals(instant.toString(), text);
            assertEquals(ns, nanos(text));
            String withOffset = OffsetDateTime.ofInstant(instant, java.time.ZoneOffset.ofHoursMinutes(-5, -30))
                    .toString();
            if (withOffset.length() > 22) { // java.time omits ":00" seconds, which RFC 3339 requires
                assertEquals(ns, nanos(withOffset), withOffset);
            }
        }
    }

    @Test
    void instant_conversion_round_trips_and_refuses_out_of_range_instants() {
        assertEquals(OptionalLong.of(Long.MIN_VALUE), Timestamps.fromInstant(Timestamps.toInstant(Long.MIN_VALUE)));
        assertEquals(OptionalLong.of(-1), Timestamps.fromInstant(Timestamps.toInstant(-1)));
        assertTrue(Timestamps.fromInstant(Instant.parse("2263-01-01T00:00:00Z")).isEmpty());
        assertTrue(Timestamps.fromInstant(Instant.parse("1600-01-01T00:00:00Z")).isEmpty());
    }
}
