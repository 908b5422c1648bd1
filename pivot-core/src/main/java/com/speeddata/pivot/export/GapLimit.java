package com.speeddata.pivot.export;

import com.speeddata.pivot.catalog.SignalDefinition;
import com.speeddata.pivot.catalog.SignalKey;
import com.speeddata.pivot.sample.Sample;
import com.speeddata.pivot.sample.SampleBlock;
import com.speeddata.pivot.sample.SampleCursor;
import com.speeddata.pivot.sample.SampleStore;
import com.speeddata.pivot.time.TimeRange;
import java.util.Arrays;
import java.util.Optional;

/**
 * The {@code max_gap} that applies to a column: the requested one, else the contract's default, ten sample periods
 * for a regular signal and, for an irregular one, ten times the median spacing of its stored samples around the
 * range. "Around the range" is, here, up to {@value #PROBE_OUTSIDE} samples before the range's start, up to
 * {@value #PROBE_INSIDE} at its beginning and up to {@value #PROBE_OUTSIDE} from its end on: a bounded probe that
 * sees a status signal's changes on both sides even when none falls inside the range. With fewer than two such
 * samples there is no spacing, and the limit is 0: nothing is filled.
 */
final class GapLimit {
    static final long DEFAULT_PERIODS = 10;
    static final int PROBE_OUTSIDE = 5;
    static final int PROBE_INSIDE = 50;

    private GapLimit() {}

    static long of(ExportColumn column, SampleStore store, TimeRange range) {
        if (column.maxGapNs() != null) {
            return column.maxGapNs();
        }
        SignalDefinition definition = column.signal().definition();
        long spacing = definition.isRegular()
                ? definition.periodNs()
                : medianSpacing(store, column.key(), range.startNs(), range.endNs());
        return saturatedTimes(spacing, DEFAULT_PERIODS);
    }

    /** The median of the spacings between the probed samples (the lower middle one of an even count); 0 if none. */
    static long medianSpacing(SampleStore store, SignalKey key, long startNs, long endNs) {
        long[] times = new long[2 * PROBE_OUTSIDE + PROBE_INSIDE];
        int n = 0;
        long t = startNs;
        for (int i = 0; i < PROBE_OUTSIDE; i++) {
            Optional<Sample> before = store.lastBefore(key, t);
            if (before.isEmpty()) {
                break;
            }
            t = before.get().timeNs();
            times[n++] = t;
        }
        try (SampleCursor cursor = store.read(key, startNs, endNs)) {
            int inside = 0;
            SampleBlock block;
            while (inside < PROBE_INSIDE && (block = cursor.next()) != null) {
                for (int i = 0; i < block.size() && inside < PROBE_INSIDE; i++, inside++) {
                    times[n++] = block.times()[i];
                }
            }
        }
        t = endNs;
        for (int i = 0; i < PROBE_OUTSIDE; i++) {
            Optional<Sample> after = store.firstAtOrAfter(key, t);
            if (after.isEmpty()) {
                break;
            }
            times[n++] = after.get().timeNs();
            if (after.get().timeNs() == Long.MAX_VALUE) {
                break;
            }
            t = after.get().timeNs() + 1;
        }
        if (n < 2) {
            return 0;
        }
        Arrays.sort(times, 0, n);
        long[] spacings = new long[n - 1];
        for (int i = 1; i < n; i++) {
            long d = times[i] - times[i - 1];
            spacings[i - 1] = d < 0 ? Long.MAX_VALUE : d; // an int64 overflow: centuries apart
        }
        Arrays.sort(spacings);
        return spacings[(spacings.length - 1) / 2];
    }

    private static long saturatedTimes(long value, long factor) {
        return value > Long.MAX_VALUE / factor ? Long.MAX_VALUE : value * factor;
    }
}
