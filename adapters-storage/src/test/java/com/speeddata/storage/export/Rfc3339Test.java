package com.speeddata.storage.export;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Rfc3339Test {

    @ParameterizedTest
    @ValueSource(longs = {0, 1, -1, 999_999_999, 1_000_000_000, 1_737_640_800_000_000_000L, 1_737_640_800_001_000_000L,
            1_737_640_800_000_001_000L, 1_737_640_800_000_000_001L, 951_782_400_000_000_000L, Long.MIN_VALUE,
            Long.MAX_VALUE})
    void prints_what_instant_prints(long ns) {
        assertEquals(instant(ns), Rfc3339.format(ns));
    }

    @Test
    void agrees_with_instant_over_the_whole_int64_range() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 100_000; i++) {
            long ns = random.nextLong();
            // also values on whole milli- and microseconds, which print shorter fractions
            long rounded = ns - ns % (i % 2 == 0 ? 1_000_000 : 1_000);
            assertEquals(instant(ns), Rfc3339.format(ns));
            assertEquals(instant(rounded), Rfc3339.format(rounded));
        }
    }

    @Test
    void examples() {
        assertEquals("2025-01-23T14:00:00Z", Rfc3339.format(1_737_640_800_000_000_000L));
        assertEquals("2025-01-23T14:00:00.001Z", Rfc3339.format(1_737_640_800_001_000_000L));
        assertEquals("1969-12-31T23:59:59.999999999Z", Rfc3339.format(-1));
    }

    private static String instant(long ns) {
        return Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L)).toString();
    }
}
