package com.speeddata.pivot.time;

import com.speeddata.pivot.FieldError;
import com.speeddata.pivot.InvalidRequestException;
import com.speeddata.pivot.JsonPointer;
import com.speeddata.pivot.Quote;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a request's {@code time_range} object, given as its members' text. Exactly one of the five forms of
 * {@link #FORMS}; {@code timezone} is allowed with a preset only, since every instant already carries its zone.
 * Every problem found is reported at once, each at the JSON pointer of the field at fault.
 */
public final class TimeRangeParser {
    public static final List<String> FORMS = List.of(
            "{\"start\": \"2025-01-23T14:00:00Z\", \"end\": \"2025-01-23T15:00:00Z\"}",
            "{\"start\": \"2025-01-23T14:00:00Z\", \"duration\": \"PT1H\"}",
            "{\"end\": \"2025-01-23T15:00:00+01:00\", \"duration\": \"PT1H\"}",
            "{\"duration\": \"PT15M\"}",
            "{\"preset\": \"today\", \"timezone\": \"Europe/Berlin\"}");
    public static final List<String> ZONE_EXAMPLES = List.of("UTC", "Europe/Berlin", "America/New_York");

    private static final String START = "start";
    private static final String END = "end";
    private static final String DURATION = "duration";
    private static final String PRESET = "preset";
    private static final String TIMEZONE = "timezone";
    private static final Set<String> FIELDS = Set.of(START, END, DURATION, PRESET, TIMEZONE);
    private static final List<Set<String>> FORM_FIELDS = List.of(
            Set.of(START, END), Set.of(START, DURATION), Set.of(END, DURATION), Set.of(DURATION), Set.of(PRESET));

    private final Map<String, String> fields;
    private final String pointer;
    private final List<FieldError> errors = new ArrayList<>();

    private TimeRangeParser(Map<String, String> fields, String pointer) {
        this.fields = fields;
        this.pointer = pointer;
    }

    /**
     * @param fields  the members of the JSON object as text (a JSON null as a null value); null when absent
     * @param pointer where the object sits in the request, e.g. {@code /time_range}
     * @throws InvalidRequestException listing every problem, with the accepted forms or values as examples
     */
    public static TimeRangeSpec parse(Map<String, String> fields, String pointer) {
        Objects.requireNonNull(pointer, "pointer");
        if (fields == null) {
            throw new InvalidRequestException(pointer, "a time range is required. Accepted forms: " + FORMS);
        }
        return new TimeRangeParser(fields, pointer).parse();
    }

    private TimeRangeSpec parse() {
        Set<String> form = new TreeSet<>();
        for (String name : new TreeSet<>(fields.keySet())) {
            if (!FIELDS.contains(name)) {
                error(name, "unknown field " + Quote.of(name) + " in a time range. Accepted forms: " + FORMS);
            } else if (!name.equals(TIMEZONE)) {
                form.add(name);
            }
        }
        if (!FORM_FIELDS.contains(form)) {
            errors.add(new FieldError(
                    pointer, "unrecognized time range with fields " + form + ". Accepted forms: " + FORMS));
            throw new InvalidRequestException(errors);
        }
        if (fields.containsKey(TIMEZONE) && !form.contains(PRESET)) {
            error(
                    TIMEZONE,
                    "timezone applies to a preset only; instants carry their own offset. Accepted forms: " + FORMS);
        }
        TimeRangeSpec spec = build(form);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return spec;
    }

    /** The spec of a recognised form; null when a field was invalid (and recorded). */
    private TimeRangeSpec build(Set<String> form) {
        if (form.contains(PRESET)) {
            Optional<RangePreset> preset = preset();
            Optional<ZoneId> zone = zone();
            return preset.isPresent() && zone.isPresent() ? new TimeRangeSpec.Preset(preset.get(), zone.get()) : null;
        }
        OptionalLong start = form.contains(START) ? instant(START) : OptionalLong.empty();
        OptionalLong end = form.contains(END) ? instant(END) : OptionalLong.empty();
        OptionalLong duration = form.contains(DURATION) ? duration() : OptionalLong.empty();
        if (!errors.isEmpty()) {
            return null;
        }
        if (form.equals(Set.of(START, END))) {
            return new TimeRangeSpec.StartEnd(start.getAsLong(), end.getAsLong());
        }
        if (form.equals(Set.of(START, DURATION))) {
            return new TimeRangeSpec.StartDuration(start.getAsLong(), duration.getAsLong());
        }
        if (form.equals(Set.of(END, DURATION))) {
            return new TimeRangeSpec.EndDuration(end.getAsLong(), duration.getAsLong());
        }
        return new TimeRangeSpec.DurationToNow(duration.getAsLong());
    }

    private OptionalLong instant(String name) {
        String text = fields.get(name);
        OptionalLong parsed = Timestamps.parse(text);
        if (parsed.isEmpty()) {
            error(
                    name,
                    Quote.of(text) + " is not an RFC 3339 instant with a zone between " + Timestamps.MIN_TEXT + " and "
                            + Timestamps.MAX_TEXT + ". Examples: " + Timestamps.EXAMPLES);
        }
        return parsed;
    }

    private OptionalLong duration() {
        String text = fields.get(DURATION);
        OptionalLong parsed = IsoDurations.parseNanos(text);
        if (parsed.isEmpty()) {
            error(
                    DURATION,
                    Quote.of(text) + " is not an ISO 8601 duration (days to seconds). Examples: "
                            + IsoDurations.EXAMPLES);
            return parsed;
        }
        if (parsed.getAsLong() <= 0) {
            error(
                    DURATION,
                    "a range's duration must be positive, not " + Quote.of(text) + ". Examples: "
                            + IsoDurations.EXAMPLES);
            return OptionalLong.empty();
        }
        return parsed;
    }

    private Optional<RangePreset> preset() {
        String text = fields.get(PRESET);
        Optional<RangePreset> preset = RangePreset.parse(text);
        if (preset.isEmpty()) {
            error(PRESET, "unknown preset " + Quote.of(text) + ". Accepted presets: " + RangePreset.wireNames());
        }
        return preset;
    }

    private Optional<ZoneId> zone() {
        if (!fields.containsKey(TIMEZONE)) {
            return Optional.of(ZoneOffset.UTC);
        }
        String text = fields.get(TIMEZONE);
        try {
            if (text != null) {
                return Optional.of(ZoneId.of(text));
            }
        } catch (DateTimeException e) {
            // reported below
        }
        error(TIMEZONE, "unknown time zone " + Quote.of(text) + ". Use an IANA zone id, e.g. " + ZONE_EXAMPLES);
        return Optional.empty();
    }

    private void error(String field, String detail) {
        errors.add(new FieldError(JsonPointer.append(pointer, field), detail));
    }
}
