package com.speeddata.scoring.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EpochNanosTest {
    @Test
    void the_range_ends_are_the_int64_extremes() {
        assertEquals(Long.MIN_VALUE, EpochNanos.of(EpochNanos.MIN));
        assertEquals(Long.MAX_VALUE, EpochNanos.of(EpochNanos.MAX));
        assertEquals(EpochNanos.MIN, EpochNanos.toInstant(Long.MIN_VALUE));
        assertEquals(EpochNanos.MAX, EpochNanos.toInstant(Long.MAX_VALUE));
    }

    @Test
    void nanoseconds_round_trip_on_both_sides_of_the_epoch() {
        for (long nanos : new long[] {-1, 0, 1, -1_000_000_001L, 1_737_640_800_123_456_789L}) {
            assertEquals(nanos, EpochNanos.of(EpochNanos.toInstant(nanos)));
        }
    }

    @Test
    void instants_one_nanosecond_outside_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> EpochNanos.of(EpochNanos.MIN.minusNanos(1)));
        assertThrows(IllegalArgumentException.class, () -> EpochNanos.of(EpochNanos.MAX.plusNanos(1)));
        assertThrows(
                IllegalArgumentException.class, () -> new NewEvent(null, "ACME", "late", EpochNanos.MAX.plusNanos(1)));
        assertThrows(IllegalArgumentException.class, () -> new NewEvent(null, "ACME", "early", Instant.MIN));
    }
}
