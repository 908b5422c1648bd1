package com.speeddata.storage.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.speeddata.pivot.time.Timestamps;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RowTimesTest {
    private static String reference(long ns) {
        StringBuilder text = new StringBuilder();
        Timestamps.appendNineDigitsTo(text, ns);
        return text.toString();
    }

    private static String cached(RowTimes times, long ns) {
        StringBuilder text = new StringBuilder();
        times.appendTo(text, ns);
        return text.toString();
    }

    @Test
    void every_time_reads_as_the_uncached_format_in_order_across_seconds_days_and_the_int64_ends() {
        RowTimes times = new RowTimes();
        long[] edges = {
            Long.MIN_VALUE,
            Long.MIN_VALUE + 1,
            -1_000_000_001L,
            -1,
            0,
            1,
            999_999_999,
            1_000_000_000,
            86_399_999_999_999L,
            86_400_000_000_000L,
            1_737_640_800_000_000_000L,
            Long.MAX_VALUE - 1,
            Long.MAX_VALUE
        };
        for (long ns : edges) {
            assertEquals(reference(ns), cached(times, ns), "at " + ns);
        }
        SplittableRandom random = new SplittableRandom(3);
        long ns = 1_737_640_800_000_000_000L;
        for (int i = 0; i < 200_000; i++) {
            ns += random.nextLong(1, 3_000_000);
            assertEquals(reference(ns), cached(times, ns), "at " + ns);
        }
        for (int i = 0; i < 10_000; i++) {
            long any = random.nextLong();
            assertEquals(reference(any), cached(times, any), "at " + any);
        }
    }
}
