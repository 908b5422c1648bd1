package com.speeddata.pivot.time;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * RFC 3339 instants to and from int64 nanoseconds since the Unix epoch (UTC). Hand-written because ingest and CSV
 * export call it once per row; java.time is used only in tests, as the reference.
 *
 * <p>Accepted: {@code YYYY-MM-DD}, then {@code T} (or {@code t}, or a space, which RFC 3339 allows for
 * readability), {@code hh:mm:ss}, an optional fraction of 1 to 9 digits, and a zone that is required: {@code Z}
 * ({@code z}) or {@code ±hh:mm}. Leap seconds ({@code :60}) are refused: int64 nanoseconds cannot hold them.
 * Instants outside {@link #MIN_TEXT}..{@link #MAX_TEXT} do not fit in int64 and are refused too.
 */
public final class Timestamps {
    public static final List<String> EXAMPLES =
            List.of("2025-01-23T14:00:00Z", "2025-01-23T15:00:00+01:00", "2025-01-23T14:00:00.123456789Z");
    /** The earliest representable instant, {@link Long#MIN_VALUE} ns. */
    public static final String MIN_TEXT = "1677-09-21T00:12:43.145224192Z";
    /** The latest representable instant, {@link Long#MAX_VALUE} ns. */
    public static final String MAX_TEXT = "2262-04-11T23:47:16.854775807Z";

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int SECONDS_PER_DAY = 86_400;
    /** Multiplier that turns a fraction of n digits into nanoseconds. */
    private static final int[] SCALE = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    private static final int[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private Timestamps() {}

    /** The instant as ns since the epoch; empty when it is not RFC 3339 with a zone or does not fit in int64. */
    public static OptionalLong parse(String text) {
        if (text == null || text.length() < 20 || text.length() > 35) {
            return OptionalLong.empty();
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        char separator = text.charAt(10);
        if ((year | month | day | hour | minute | second) < 0
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || (separator != 'T' && separator != 't' && separator != ' ')
                || text.charAt(13) != ':'
                || text.charAt(16) != ':'
                || month < 1
                || month > 12
                || day < 1
                || day > daysInMonth(year, month)
                || hour > 23
                || minute > 59
                || second > 59) {
            return OptionalLong.empty();
        }
        int i = 19;
        int fraction = 0;
        if (text.charAt(i) == '.') {
            int first = ++i;
            while (i < text.length() && isDigit(text.charAt(i))) {
                if (i - first == 9) {
                    return OptionalLong.empty();
                }
                fraction = fraction * 10 + (text.charAt(i) - '0');
                i++;
            }
            if (i == first) {
                return OptionalLong.empty();
            }
            fraction *= SCALE[i - first];
        }
        int offsetSeconds = offsetSeconds(text, i);
        if (offsetSeconds == Integer.MIN_VALUE) {
            return OptionalLong.empty();
        }
        long seconds = daysFromCivil(year, month, day) * SECONDS_PER_DAY
                + hour * 3600L
                + minute * 60L
                + second
                - offsetSeconds;
        return ofSeconds(seconds, fraction);
    }

    /** UTC, {@code Z}, with 0, 3, 6 or 9 fraction digits: as many as the value needs (like {@link Instant}). */
    public static String format(long epochNanos) {
        StringBuilder out = new StringBuilder(30);
        appendTo(out, epochNanos);
        return out.toString();
    }

    /** An instant as RFC 3339 UTC; instants outside the int64-nanosecond range are refused. */
    public static String format(Instant instant) {
        return format(fromInstant(instant)
                .orElseThrow(
                        () -> new IllegalArgumentException(instant + " is outside " + MIN_TEXT + " .. " + MAX_TEXT)));
    }

    /** {@link #format} without the intermediate string, for writers that format one instant per row. */
    public static void appendTo(StringBuilder out, long epochNanos) {
        append(out, epochNanos, false);
    }

    /**
     * As {@link #appendTo}, with exactly nine fraction digits whatever the value: one format on every row of a
     * file, which pandas parses as one column of times (it leaves a column of mixed precision as strings).
     */
    public static void appendNineDigitsTo(StringBuilder out, long epochNanos) {
        append(out, epochNanos, true);
    }

    private static void append(StringBuilder out, long epochNanos, boolean nineDigits) {
        long seconds = Math.floorDiv(epochNanos, NANOS_PER_SECOND);
        int nanos = (int) Math.floorMod(epochNanos, NANOS_PER_SECOND);
        long epochDay = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int secondOfDay = Math.floorMod(seconds, SECONDS_PER_DAY);
        // Civil date from epoch day: Howard Hinnant's days_from_civil, inverted.
        long z = epochDay + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long shiftedMonth = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
        int month = (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        pad(out, (int) year, 4).append('-');
        pad(out, month, 2).append('-');
        pad(out, day, 2).append('T');
        pad(out, secondOfDay / 3600, 2).append(':');
        pad(out, secondOfDay / 60 % 60, 2).append(':');
        pad(out, secondOfDay % 60, 2);
        if (nineDigits) {
            pad(out.append('.'), nanos, 9);
        } else if (nanos != 0) {
            out.append('.');
            if (nanos % 1_000_000 == 0) {
                pad(out, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                pad(out, nanos / 1_000, 6);
            } else {
                pad(out, nanos, 9);
            }
        }
        out.append('Z');
    }

    /** The instant as ns since the epoch; empty outside {@link #MIN_TEXT}..{@link #MAX_TEXT}. */
    public static OptionalLong fromInstant(Instant instant) {
        return ofSeconds(instant.getEpochSecond(), instant.getNano());
    }

    public static Instant toInstant(long epochNanos) {
        return Instant.ofEpochSecond(
                Math.floorDiv(epochNanos, NANOS_PER_SECOND), Math.floorMod(epochNanos, NANOS_PER_SECOND));
    }

    private static OptionalLong ofSeconds(long seconds, int nanos) {
        // Long.MIN_VALUE is -9223372037 s + 145224192 ns; Long.MAX_VALUE is 9223372036 s + 854775807 ns.
        if (seconds < -9_223_372_037L
                || seconds > 9_223_372_036L
                || (seconds == 9_223_372_036L && nanos > 854_775_807)) {
            return OptionalLong.empty();
        }
        if (seconds == -9_223_372_037L) {
            return nanos < 145_224_192 ? OptionalLong.empty() : OptionalLong.of(Long.MIN_VALUE + (nanos - 145_224_192));
        }
        return OptionalLong.of(seconds * NANOS_PER_SECOND + nanos);
    }

    /** Seconds east of UTC for the zone starting at {@code i}, which must end the text; MIN_VALUE when invalid. */
    private static int offsetSeconds(String text, int i) {
        int remaining = text.length() - i;
        if (remaining == 1 && (text.charAt(i) == 'Z' || text.charAt(i) == 'z')) {
            return 0;
        }
        if (remaining != 6 || text.charAt(i + 3) != ':') {
            return Integer.MIN_VALUE;
        }
        char sign = text.charAt(i);
        int hours = digits(text, i + 1, 2);
        int minutes = digits(text, i + 4, 2);
        if ((sign != '+' && sign != '-') || hours < 0 || hours > 23 || minutes < 0 || minutes > 59) {
            return Integer.MIN_VALUE;
        }
        int offset = hours * 3600 + minutes * 60;
        return sign == '-' ? -offset : offset;
    }

    /** The non-negative number in {@code text[from, from + count)}, or -1 when a character is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
    private static long daysFromCivil(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        for (int divisor = POW10[width - 1]; divisor > 0; divisor /= 10) {
            out.append((char) ('0' + value / divisor % 10));
        }
        return out;
    }
}
