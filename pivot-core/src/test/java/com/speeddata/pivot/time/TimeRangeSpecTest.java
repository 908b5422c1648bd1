package com.speeddata.pivot.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.pivot.FieldError;
import com.speeddata.pivot.InvalidRequestException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeRangeSpecTest {
    private static final long HOUR = 3_600_000_000_000L;
    private static final long DAY = 24 * HOUR;
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static long ns(String text) {
        return Timestamps.parse(text).orElseThrow();
    }

    private static Clock clockAt(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    private static final Clock NOW = clockAt("2025-01-23T14:30:00.123456789Z");

    @Test
    void start_end_resolves_to_itself() {
        assertEquals(new TimeRange(1, 2), new TimeRangeSpec.StartEnd(1, 2).resolve(NOW));
    }

    @Test
    void end_not_after_start_is_an_invalid_request_at_the_time_range() {
        for (TimeRangeSpec spec :
                new TimeRangeSpec[] {new TimeRangeSpec.StartEnd(5, 5), new TimeRangeSpec.StartEnd(6, 5)}) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> spec.resolve(NOW));
            assertEquals(
                    new FieldError("/time_range", e.errors().get(0).detail()),
                    e.errors().get(0));
            assertTrue(e.getMessage().contains("is not after its start"), e.getMessage());
        }
    }

    @Test
    void durations_count_from_start_or_back_from_end_or_now() {
        long t = ns("2025-01-23T14:00:00Z");
        assertEquals(new TimeRange(t, t + HOUR), new TimeRangeSpec.StartDuration(t, HOUR).resolve(NOW));
        assertEquals(new TimeRange(t - HOUR, t), new TimeRangeSpec.EndDuration(t, HOUR).resolve(NOW));
        long now = ns("2025-01-23T14:30:00.123456789Z");
        assertEquals(new TimeRange(now - HOUR, now), new TimeRangeSpec.DurationToNow(HOUR).resolve(NOW));
    }

    @Test
    void range_leaving_the_int64_span_is_an_invalid_request_not_an_overflow() {
        assertThrows(InvalidRequestException.class, () -> new TimeRangeSpec.StartDuration(Long.MAX_VALUE - 10, HOUR)
                .resolve(NOW));
        assertThrows(InvalidRequestException.class, () -> new TimeRangeSpec.EndDuration(Long.MIN_VALUE + 10, HOUR)
                .resolve(NOW));
        assertThrows(InvalidRequestException.class, () -> new TimeRangeSpec.StartEnd(Long.MIN_VALUE, Long.MAX_VALUE)
                .resolve(NOW));
    }

    @Test
    void non_positive_duration_cannot_be_constructed() {
        assertThrows(IllegalArgumentException.class, () -> new TimeRangeSpec.StartDuration(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new TimeRangeSpec.EndDuration(0, -1));
        assertThrows(IllegalArgumentException.class, () -> new TimeRangeSpec.DurationToNow(0));
    }

    @Test
    void rolling_presets_end_now() {
        long now = ns("2025-01-23T14:30:00.123456789Z");
        assertEquals(new TimeRange(now - 15 * 60_000_000_000L, now), preset(RangePreset.LAST_15_MINUTES, BERLIN));
        assertEquals(new TimeRange(now - HOUR, now), preset(RangePreset.LAST_HOUR, ZoneOffset.UTC));
        assertEquals(new TimeRange(now - DAY, now), preset(RangePreset.LAST_24_HOURS, ZoneOffset.UTC));
        assertEquals(new TimeRange(now - 7 * DAY, now), preset(RangePreset.LAST_7_DAYS, BERLIN));
    }

    @Test
    void today_is_the_whole_utc_day_by_default() {
        assertEquals(
                new TimeRange(ns("2025-01-23T00:00:00Z"), ns("2025-01-24T00:00:00Z")),
                new TimeRangeSpec.Preset(RangePreset.TODAY).resolve(NOW));
        assertEquals(
                new TimeRange(ns("2025-01-22T00:00:00Z"), ns("2025-01-23T00:00:00Z")),
                new TimeRangeSpec.Preset(RangePreset.YESTERDAY, null).resolve(NOW));
    }

    @Test
    void today_follows_the_zones_midnight() {
        assertEquals(
                new TimeRange(ns("2025-01-22T23:00:00Z"), ns("2025-01-23T23:00:00Z")),
                preset(RangePreset.TODAY, BERLIN));
        // 23:30 UTC is already tomorrow in Berlin.
        assertEquals(
                new TimeRange(ns("2025-01-23T23:00:00Z"), ns("2025-01-24T23:00:00Z")),
                new TimeRangeSpec.Preset(RangePreset.TODAY, BERLIN).resolve(clockAt("2025-01-23T23:30:00Z")));
    }

    @Test
    void calendar_days_across_a_dst_change_are_23_or_25_hours_long() {
        Clock springForward = clockAt("2025-03-30T12:00:00Z");
        assertEquals(
                23 * HOUR,
                new TimeRangeSpec.Preset(RangePreset.TODAY, BERLIN)
                        .resolve(springForward)
                        .durationNs());
        assertEquals(
                24 * HOUR,
                new TimeRangeSpec.Preset(RangePreset.YESTERDAY, BERLIN)
                        .resolve(springForward)
                        .durationNs());
        Clock fallBack = clockAt("2025-10-26T12:00:00Z");
        assertEquals(
                25 * HOUR,
                new TimeRangeSpec.Preset(RangePreset.TODAY, BERLIN)
                        .resolve(fallBack)
                        .durationNs());
    }

    @Test
    void a_day_whose_midnight_does_not_exist_starts_at_its_first_instant() {
        // Asia/Beirut skipped 00:00-01:00 on 2024-03-31.
        TimeRange today = new TimeRangeSpec.Preset(RangePreset.TODAY, ZoneId.of("Asia/Beirut"))
                .resolve(clockAt("2024-03-31T12:00:00Z"));
        assertEquals(ns("2024-03-31T01:00:00+03:00"), today.startNs());
        assertEquals(23 * HOUR, today.durationNs());
    }

    @Test
    void weeks_start_on_monday_and_months_on_the_first() {
        // 2025-01-23 is a Thursday.
        assertEquals(
                new TimeRange(ns("2025-01-20T00:00:00Z"), ns("2025-01-27T00:00:00Z")),
                preset(RangePreset.THIS_WEEK, ZoneOffset.UTC));
        assertEquals(
                new TimeRange(ns("2025-01-13T00:00:00Z"), ns("2025-01-20T00:00:00Z")),
                preset(RangePreset.LAST_WEEK, ZoneOffset.UTC));
        assertEquals(
                new TimeRange(ns("2025-01-01T00:00:00Z"), ns("2025-02-01T00:00:00Z")),
                preset(RangePreset.THIS_MONTH, ZoneOffset.UTC));
        assertEquals(
                new TimeRange(ns("2024-12-01T00:00:00Z"), ns("2025-01-01T00:00:00Z")),
                preset(RangePreset.LAST_MONTH, ZoneOffset.UTC));
    }

    private static TimeRange preset(RangePreset preset, ZoneId zone) {
        return new TimeRangeSpec.Preset(preset, zone).resolve(NOW);
    }

    @Test
    void time_range_refuses_a_duration_beyond_int64() {
        assertThrows(IllegalArgumentException.class, () -> new TimeRange(Long.MIN_VALUE, 1));
        assertEquals(Long.MAX_VALUE, new TimeRange(-1, Long.MAX_VALUE - 1).durationNs());
    }
}
