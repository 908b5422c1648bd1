package com.speeddata.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.speeddata.pivot.time.Timestamps;
import com.speeddata.scoring.events.EpochNanos;
import org.junit.jupiter.api.Test;

/** The two cores may not depend on each other, so each states the int64-nanosecond range; they must agree. */
class InstantRangeTest {
    @Test
    void scoring_core_and_pivot_core_hold_the_same_instant_range() {
        assertEquals(Timestamps.MIN_TEXT, Timestamps.format(EpochNanos.MIN));
        assertEquals(Timestamps.MAX_TEXT, Timestamps.format(EpochNanos.MAX));
        assertEquals(Long.MIN_VALUE, Timestamps.fromInstant(EpochNanos.MIN).getAsLong());
        assertEquals(Long.MAX_VALUE, Timestamps.fromInstant(EpochNanos.MAX).getAsLong());
    }
}
