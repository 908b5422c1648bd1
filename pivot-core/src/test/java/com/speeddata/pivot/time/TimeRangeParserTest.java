package com.speeddata.pivot.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.pivot.FieldError;
import com.speeddata.pivot.InvalidRequestException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimeRangeParserTest {
    private static final String POINTER = "/time_range";
    private static final long T14 = Timestamps.parse("2025-01-23T14:00:00Z").orElseThrow();
    private static final long T15 = Timestamps.parse("2025-01-23T15:00:00Z").orElseThrow();
    private static final long HOUR = 3_600_000_000_000L;

    private static TimeRangeSpec parse(Map<String, String> fields) {
        return TimeRangeParser.parse(fields, POINTER);
    }

    private static List<FieldError> errors(Map<String, String> fields) {
        return assertThrows(InvalidRequestException.class, () -> parse(fields)).errors();
    }

    @Test
    void start_and_end_give_a_start_end_spec() {
        assertEquals(
                new TimeRangeSpec.StartEnd(T14, T15),
                parse(Map.of("start", "2025-01-23T14:00:00Z", "end", "2025-01-23T16:00:00+01:00")));
    }

    @Test
    void start_and_duration_give_a_start_duration_spec() {
        assertEquals(
                new TimeRangeSpec.StartDuration(T14, HOUR),
                parse(Map.of("start", "2025-01-23T14:00:00Z", "duration", "PT1H")));
    }

    @Test
    void end_and_duration_give_an_end_duration_spec() {
        assertEquals(
                new TimeRangeSpec.EndDuration(T15, HOUR),
                parse(Map.of("end", "2025-01-23T15:00:00Z", "duration", "PT60M")));
    }

    @Test
    void duration_alone_gives_a_range_ending_now() {
        assertEquals(new TimeRangeSpec.DurationToNow(15 * 60_000_000_000L), parse(Map.of("duration", "PT15M")));
    }

    @Test
    void preset_defaults_to_utc_and_takes_an_iana_zone() {
        assertEquals(new TimeRangeSpec.Preset(RangePreset.TODAY, ZoneOffset.UTC), parse(Map.of("preset", "today")));
        assertEquals(
                new TimeRangeSpec.Preset(RangePreset.LAST_HOUR, ZoneId.of("Europe/Berlin")),
                parse(Map.of("preset", "last_hour", "timezone", "Europe/Berlin")));
    }

    @Test
    void every_contract_preset_is_accepted() {
        for (String preset :
                List.of("last_15_minutes", "last_hour", "last_24_hours", "last_7_days", "today", "yesterday")) {
            assertTrue(parse(Map.of("preset", preset)) instanceof TimeRangeSpec.Preset, preset);
        }
    }

    @Test
    void unrecognized_combination_lists_the_accepted_forms_with_examples() {
        for (Map<String, String> fields : List.of(
                Map.<String, String>of(),
                Map.of("start", "2025-01-23T14:00:00Z"),
                Map.of("end", "2025-01-23T14:00:00Z"),
                Map.of("start", "x", "end", "y", "duration", "PT1H"),
                Map.of("preset", "today", "duration", "PT1H"),
                Map.of("timezone", "UTC"))) {
            List<FieldError> errors = errors(fields);
            assertEquals(1, errors.size(), fields.toString());
            assertEquals(POINTER, errors.get(0).pointer());
            assertTrue(
                    errors.get(0).detail().contains("unrecognized time range"),
                    errors.get(0).detail());
            assertTrue(
                    errors.get(0).detail().contains(TimeRangeParser.FORMS.get(1)),
                    errors.get(0).detail());
        }
    }

    @Test
    void unknown_field_is_an_error_at_its_own_pointer_even_beside_a_valid_form() {
        List<FieldError> errors = errors(Map.of("duration", "PT1H", "stop", "x", "a/b", "y"));
        assertEquals(
                List.of("/time_range/a~1b", "/time_range/stop"),
                errors.stream().map(FieldError::pointer).toList());
    }

    @Test
    void bad_instant_points_at_its_field_and_lists_examples() {
        List<FieldError> errors = errors(Map.of("start", "2025-01-23T14:00:00", "end", "tomorrow"));
        assertEquals(
                List.of("/time_range/end", "/time_range/start"),
                errors.stream().map(FieldError::pointer).sorted().toList());
        assertTrue(
                errors.get(0).detail().contains("2025-01-23T15:00:00+01:00"),
                errors.get(0).detail());
    }

    @Test
    void bad_duration_points_at_the_duration_and_lists_examples() {
        FieldError error = errors(Map.of("duration", "1 hour")).get(0);
        assertEquals("/time_range/duration", error.pointer());
        assertTrue(error.detail().contains("PT0.001S"), error.detail());
    }

    @Test
    void zero_or_negative_duration_is_refused() {
        assertEquals(
                "/time_range/duration",
                errors(Map.of("duration", "PT0S")).get(0).pointer());
        assertEquals(
                "/time_range/duration",
                errors(Map.of("start", "2025-01-23T14:00:00Z", "duration", "-PT1H"))
                        .get(0)
                        .pointer());
    }

    @Test
    void unknown_preset_lists_the_presets() {
        FieldError error = errors(Map.of("preset", "last_fortnight")).get(0);
        assertEquals("/time_range/preset", error.pointer());
        assertTrue(error.detail().contains("last_15_minutes") && error.detail().contains("yesterday"), error.detail());
    }

    @Test
    void unknown_zone_points_at_the_timezone() {
        FieldError error =
                errors(Map.of("preset", "today", "timezone", "Mars/Olympus")).get(0);
        assertEquals("/time_range/timezone", error.pointer());
        assertTrue(error.detail().contains("Europe/Berlin"), error.detail());
    }

    @Test
    void timezone_beside_instants_is_refused_because_it_would_be_ignored() {
        FieldError error = errors(Map.of("duration", "PT1H", "timezone", "UTC")).get(0);
        assertEquals("/time_range/timezone", error.pointer());
    }

    @Test
    void null_values_are_invalid_values_of_their_field() {
        Map<String, String> fields = new HashMap<>();
        fields.put("start", null);
        fields.put("end", "2025-01-23T14:00:00Z");
        FieldError error = errors(fields).get(0);
        assertEquals("/time_range/start", error.pointer());
        assertTrue(error.detail().startsWith("null is not"), error.detail());
    }

    @Test
    void absent_time_range_is_an_error_at_the_pointer() {
        List<FieldError> errors = assertThrows(
                        InvalidRequestException.class, () -> TimeRangeParser.parse(null, "/time_range"))
                .errors();
        assertEquals(POINTER, errors.get(0).pointer());
    }

    @Test
    void echoed_text_is_cut_short() {
        String detail = errors(Map.of("duration", "P".repeat(10_000))).get(0).detail();
        assertTrue(detail.length() < 300, detail);
    }

    @Test
    void end_before_start_parses_but_does_not_resolve() {
        TimeRangeSpec spec = parse(Map.of("start", "2025-01-23T15:00:00Z", "end", "2025-01-23T14:00:00Z"));
        assertThrows(InvalidRequestException.class, () -> spec.resolve(java.time.Clock.systemUTC()));
    }
}
