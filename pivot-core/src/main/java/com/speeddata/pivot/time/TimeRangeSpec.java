package com.speeddata.pivot.time;

import java.time.Clock;

/**
 * The five ways a caller names a time range. Resolving one against a clock gives a {@link TimeRange}.
 * PLACEHOLDER: the helper implementing pivot-core's time package replaces this file.
 */
public sealed interface TimeRangeSpec permits TimeRangeSpec.Placeholder {
    TimeRange resolve(Clock clock);

    record Placeholder(long startNs, long endNs) implements TimeRangeSpec {
        @Override
        public TimeRange resolve(Clock clock) {
            return new TimeRange(startNs, endNs);
        }
    }
}
