package com.speeddata.pivot.time;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Named time ranges. The {@code last_*} presets are rolling: they end now and the zone does not matter. The
 * calendar presets run between the zone's day boundaries (midnight, or the first instant of the day where a DST
 * change skips midnight), so a day is 23, 24 or 25 hours long. {@code today} is {@code [start of today, start
 * of tomorrow)}, a whole day that ends in the future: the range is half-open and the future simply holds no
 * samples, and the grid of an aligned export is the same all day long. Weeks start on Monday (ISO 8601).
 */
public enum RangePreset {
    LAST_15_MINUTES,
    LAST_HOUR,
    LAST_6_HOURS,
    LAST_24_HOURS,
    LAST_7_DAYS,
    LAST_30_DAYS,
    TODAY,
    YESTERDAY,
    THIS_WEEK,
    LAST_WEEK,
    THIS_MONTH,
    LAST_MONTH;

    public static Optional<RangePreset> parse(String text) {
        return Arrays.stream(values()).filter(p -> p.wireName().equals(text)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(RangePreset::wireName).toList();
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The range as instants {@code [start, end)}, for the given current instant and zone. */
    Instant[] bounds(Instant now, ZoneId zone) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate firstOfMonth = today.withDayOfMonth(1);
        return switch (this) {
            case LAST_15_MINUTES -> rolling(now, Duration.ofMinutes(15));
            case LAST_HOUR -> rolling(now, Duration.ofHours(1));
            case LAST_6_HOURS -> rolling(now, Duration.ofHours(6));
            case LAST_24_HOURS -> rolling(now, Duration.ofHours(24));
            case LAST_7_DAYS -> rolling(now, Duration.ofDays(7));
            case LAST_30_DAYS -> rolling(now, Duration.ofDays(30));
            case TODAY -> days(today, today.plusDays(1), zone);
            case YESTERDAY -> days(today.minusDays(1), today, zone);
            case THIS_WEEK -> days(monday, monday.plusWeeks(1), zone);
            case LAST_WEEK -> days(monday.minusWeeks(1), monday, zone);
            case THIS_MONTH -> days(firstOfMonth, firstOfMonth.plusMonths(1), zone);
            case LAST_MONTH -> days(firstOfMonth.minusMonths(1), firstOfMonth, zone);
        };
    }

    private static Instant[] rolling(Instant now, Duration length) {
        return new Instant[] {now.minus(length), now};
    }

    private static Instant[] days(LocalDate first, LocalDate afterLast, ZoneId zone) {
        return new Instant[] {
            first.atStartOfDay(zone).toInstant(), afterLast.atStartOfDay(zone).toInstant()
        };
    }
}
