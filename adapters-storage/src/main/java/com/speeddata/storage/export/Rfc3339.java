package com.speeddata.storage.export;

import java.time.LocalDate;

/**
 * RFC 3339 UTC text of epoch nanoseconds, exactly as {@link java.time.Instant#toString()} prints it: no fraction
 * for whole seconds, else 3, 6 or 9 fraction digits ({@code 2025-01-23T14:00:00.001Z}).
 *
 * <p>Stand-in until pivot-core offers {@code com.speeddata.pivot.time.Timestamps.format(long)}; then this class
 * goes. It avoids {@code Instant.toString()} only because CSV rows call it once per line.
 */
final class Rfc3339 {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int SECONDS_PER_DAY = 86_400;

    private Rfc3339() {
    }

    static String format(long epochNs) {
        StringBuilder text = new StringBuilder(30);
        appendTo(text, epochNs);
        return text.toString();
    }

    static void appendTo(StringBuilder out, long epochNs) {
        long seconds = Math.floorDiv(epochNs, NANOS_PER_SECOND);
        int nanos = (int) Math.floorMod(epochNs, NANOS_PER_SECOND);
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);

        // int64 ns spans the years 1677 to 2262, so the year always has four digits.
        digits(out, date.getYear(), 4).append('-');
        digits(out, date.getMonthValue(), 2).append('-');
        digits(out, date.getDayOfMonth(), 2).append('T');
        digits(out, secondOfDay / 3600, 2).append(':');
        digits(out, secondOfDay / 60 % 60, 2).append(':');
        digits(out, secondOfDay % 60, 2);
        if (nanos != 0) {
            out.append('.');
            if (nanos % 1_000_000 == 0) {
                digits(out, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                digits(out, nanos / 1_000, 6);
            } else {
                digits(out, nanos, 9);
            }
        }
        out.append('Z');
    }

    private static StringBuilder digits(StringBuilder out, int value, int width) {
        for (int divisor = pow10(width - 1); divisor > 0; divisor /= 10) {
            out.append((char) ('0' + value / divisor % 10));
        }
        return out;
    }

    private static int pow10(int exponent) {
        int result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= 10;
        }
        return result;
    }
}
