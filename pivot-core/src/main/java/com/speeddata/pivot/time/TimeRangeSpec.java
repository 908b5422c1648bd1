package com.speeddata.pivot.time;

import com.speeddata.pivot.InvalidRequestException;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The five ways a caller names a time range (see {@link TimeRangeParser}). Resolving one against a clock gives a
 * {@link TimeRange}; a range whose end is not after its start, or that leaves the int64 nanosecond span, is an
 * {@link InvalidRequestException} pointing at {@link #POINTER}, where the export request keeps its range.
 */
public sealed interface TimeRangeSpec {
    String POINTER = "/time_range";

    TimeRange resolve(Clock clock);

    /** {@code {"start", "end"}}. The constructor accepts any order; resolving refuses an empty range. */
    record StartEnd(long startNs, long endNs) implements TimeRangeSpec {
        @Override
        public TimeRange resolve(Clock clock) {
            return Resolve.range(startNs, endNs);
        }
    }

    /** {@code {"start", "duration"}}. */
    record StartDuration(long startNs, long durationNs) implements TimeRangeSpec {
        public StartDuration {
            Resolve.requirePositive(durationNs);
        }

        @Override
        public TimeRange resolve(Clock clock) {
            return Resolve.ending(startNs, durationNs);
        }
    }

    /** {@code {"end", "duration"}}. */
    record EndDuration(long endNs, long durationNs) implements TimeRangeSpec {
        public EndDuration {
            Resolve.requirePositive(durationNs);
        }

        @Override
        public TimeRange resolve(Clock clock) {
            return Resolve.starting(endNs, durationNs);
        }
    }

    /** {@code {"duration"}}: the range that ends now. */
    record DurationToNow(long durationNs) implements TimeRangeSpec {
        public DurationToNow {
            Resolve.requirePositive(durationNs);
        }

        @Override
        public TimeRange resolve(Clock clock) {
            return Resolve.starting(Resolve.now(clock), durationNs);
        }
    }

    /** {@code {"preset", "timezone"?}}; the zone defaults to UTC. */
    record Preset(RangePreset preset, ZoneId zone) implements TimeRangeSpec {
        public Preset {
            Objects.requireNonNull(preset, "preset");
            zone = zone == null ? ZoneOffset.UTC : zone;
        }

        public Preset(RangePreset preset) {
            this(preset, ZoneOffset.UTC);
        }

        @Override
        public TimeRange resolve(Clock clock) {
            var bounds = preset.bounds(clock.instant(), zone);
            return Resolve.range(Resolve.nanos(bounds[0]), Resolve.nanos(bounds[1]));
        }
    }
}
