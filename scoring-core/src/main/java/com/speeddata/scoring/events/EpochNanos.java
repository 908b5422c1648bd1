package com.speeddata.scoring.events;

import java.time.Instant;

/**
 * Event instants as the service keeps every instant: int64 nanoseconds since the Unix epoch, which hold
 * {@link #MIN}..{@link #MAX} (1677-09-21T00:12:43.145224192Z .. 2262-04-11T23:47:16.854775807Z). The same range
 * as pivot-core's {@code Timestamps}, which this module may not depend on; a test holds the two in step.
 */
public final class EpochNanos {
    public static final Instant MIN = Instant.ofEpochSecond(-9_223_372_037L, 145_224_192);
    public static final Instant MAX = Instant.ofEpochSecond(9_223_372_036L, 854_775_807);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private EpochNanos() {}

    public static boolean holds(Instant instant) {
        return !instant.isBefore(MIN) && !instant.isAfter(MAX);
    }

    /** @throws IllegalArgumentException outside {@link #MIN}..{@link #MAX} */
    public static Instant require(Instant instant, String what) {
        if (!holds(instant)) {
            throw new IllegalArgumentException(what + " " + instant + " is outside " + MIN + " .. " + MAX
                    + ", what int64 nanoseconds since the epoch hold");
        }
        return instant;
    }

    /** @throws IllegalArgumentException outside {@link #MIN}..{@link #MAX} */
    public static long of(Instant instant) {
        require(instant, "the instant");
        long seconds = instant.getEpochSecond();
        // MIN's seconds times 1e9 alone would overflow: add the nanoseconds to one second less first.
        return seconds < 0
                ? (seconds + 1) * NANOS_PER_SECOND + (instant.getNano() - NANOS_PER_SECOND)
                : seconds * NANOS_PER_SECOND + instant.getNano();
    }

    public static Instant toInstant(long epochNanos) {
        return Instant.ofEpochSecond(
                Math.floorDiv(epochNanos, NANOS_PER_SECOND), Math.floorMod(epochNanos, NANOS_PER_SECOND));
    }
}
