package com.speeddata.pivot.time;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ISO 8601 durations to int64 nanoseconds: {@code PnDTnHnMn.nS} as {@link Duration#parse} reads it (a day is
 * 24 hours, fractions only on seconds, a leading sign allowed), plus weeks ({@code PnW}, 7 days each). Years
 * and months are refused: their length depends on the calendar.
 */
public final class IsoDurations {
    public static final List<String> EXAMPLES = List.of("PT1H", "PT15M", "PT0.001S", "P1D", "P1W");
    private static final Pattern WEEKS = Pattern.compile("([-+]?)P(\\d{1,7})W", Pattern.CASE_INSENSITIVE);
    private static final long NANOS_PER_WEEK = 7L * 24 * 3600 * 1_000_000_000L;

    private IsoDurations() {}

    /** The duration in nanoseconds, of any sign; empty when it is not ISO 8601 or does not fit in int64. */
    public static OptionalLong parseNanos(String text) {
        if (text == null) {
            return OptionalLong.empty();
        }
        Matcher weeks = WEEKS.matcher(text);
        try {
            if (weeks.matches()) {
                long nanos = Math.multiplyExact(Long.parseLong(weeks.group(2)), NANOS_PER_WEEK);
                return OptionalLong.of(weeks.group(1).equals("-") ? -nanos : nanos);
            }
            return OptionalLong.of(Duration.parse(text).toNanos());
        } catch (DateTimeParseException | ArithmeticException e) {
            return OptionalLong.empty();
        }
    }

    /** ISO 8601 text of a nanosecond duration, e.g. {@code PT0.001S} (java.time's form: hours at most). */
    public static String format(long nanos) {
        return Duration.ofNanos(nanos).toString();
    }
}
