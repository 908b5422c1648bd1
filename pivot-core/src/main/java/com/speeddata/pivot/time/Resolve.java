package com.speeddata.pivot.time;

import com.speeddata.pivot.InvalidRequestException;
import java.time.Clock;
import java.time.Instant;

/** Turns the bounds of a {@link TimeRangeSpec} into a {@link TimeRange}, or into the 400 that explains why not. */
final class Resolve {
    private Resolve() {}

    static TimeRange range(long startNs, long endNs) {
        if (endNs <= startNs) {
            throw invalid("the range's end " + Timestamps.format(endNs) + " is not after its start "
                    + Timestamps.format(startNs));
        }
        if (endNs - startNs < 0) {
            throw invalid("the range from " + Timestamps.format(startNs) + " to " + Timestamps.format(endNs)
                    + " is longer than the longest supported range of about 292 years");
        }
        return new TimeRange(startNs, endNs);
    }

    static TimeRange ending(long startNs, long durationNs) {
        long endNs = startNs + durationNs;
        if (endNs < startNs) {
            throw invalid("the range starting " + Timestamps.format(startNs) + " ends after the latest supported "
                    + "instant " + Timestamps.MAX_TEXT);
        }
        return range(startNs, endNs);
    }

    static TimeRange starting(long endNs, long durationNs) {
        long startNs = endNs - durationNs;
        if (startNs > endNs) {
            throw invalid("the range ending " + Timestamps.format(endNs) + " starts before the earliest supported "
                    + "instant " + Timestamps.MIN_TEXT);
        }
        return range(startNs, endNs);
    }

    static long now(Clock clock) {
        return nanos(clock.instant());
    }

    static long nanos(Instant instant) {
        return Timestamps.fromInstant(instant)
                .orElseThrow(() -> invalid("the instant " + instant + " lies outside " + Timestamps.MIN_TEXT + ".."
                        + Timestamps.MAX_TEXT));
    }

    static void requirePositive(long durationNs) {
        if (durationNs <= 0) {
            throw new IllegalArgumentException("a range's duration must be positive, not " + durationNs + " ns");
        }
    }

    private static InvalidRequestException invalid(String detail) {
        return new InvalidRequestException(TimeRangeSpec.POINTER, detail);
    }
}
