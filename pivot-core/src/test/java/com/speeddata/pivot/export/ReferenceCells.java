package com.speeddata.pivot.export;

import com.speeddata.pivot.catalog.SignalKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalLong;

/**
 * The contract's aligned cells written as plainly as possible, one cell at a time over every stored sample of a
 * signal in a sorted map: value, quality flag and receipt, including {@code max_gap} and its defaults. The oracle
 * the streaming {@link AlignedColumn} is compared with. Small times only (no overflow handling).
 */
final class ReferenceCells {
    final double[] values;
    final byte[] flags;
    final SignalReceipt receipt;

    private ReferenceCells(double[] values, byte[] flags, SignalReceipt receipt) {
        this.values = values;
        this.flags = flags;
        this.receipt = receipt;
    }

    /** The contract's default: ten periods, or ten times the median spacing of the samples around the range. */
    static long defaultMaxGap(NavigableMap<Long, Double> samples, Double rateHz, long start, long end) {
        if (rateHz != null) {
            return 10 * Math.max(1, Math.round(1e9 / rateHz));
        }
        List<Long> around = new ArrayList<>();
        samples.headMap(start, false).descendingKeySet().stream()
                .limit(GapLimit.PROBE_OUTSIDE)
                .forEach(around::add);
        samples.subMap(start, true, end, false).keySet().stream()
                .limit(GapLimit.PROBE_INSIDE)
                .forEach(around::add);
        samples.tailMap(end, true).keySet().stream()
                .limit(GapLimit.PROBE_OUTSIDE)
                .forEach(around::add);
        if (around.size() < 2) {
            return 0;
        }
        long[] sorted = around.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] spacings = new long[sorted.length - 1];
        for (int i = 1; i < sorted.length; i++) {
            spacings[i - 1] = sorted[i] - sorted[i - 1];
        }
        Arrays.sort(spacings);
        return 10 * spacings[(spacings.length - 1) / 2];
    }

    static ReferenceCells of(
            SignalKey key,
            NavigableMap<Long, Double> samples,
            long start,
            long end,
            long interval,
            Aggregate aggregate,
            Fill fill,
            long maxGap) {
        int rows = (int) ((end - start + interval - 1) / interval);
        double[] values = new double[rows];
        byte[] flags = new byte[rows];
        long samplesRead = 0;
        long observed = 0;
        long filled = 0;
        long missing = 0;
        List<Long> used = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            long t = start + i * interval;
            long cellEnd = Math.min(t + interval, end);
            NavigableMap<Long, Double> cell = samples.subMap(t, true, cellEnd, false);
            if (!cell.isEmpty()) {
                values[i] = ReferenceAligner.aggregate(cell, aggregate);
                flags[i] = CellQuality.OBSERVED;
                observed++;
                samplesRead += cell.size();
                used.addAll(cell.keySet());
                continue;
            }
            Map.Entry<Long, Double> previous = samples.lowerEntry(t);
            Map.Entry<Long, Double> next = samples.ceilingEntry(t);
            Map.Entry<Long, Double> source = null; // the one sample a previous or nearest fill takes
            double value = Double.NaN;
            boolean bridgesTooFar = previous != null && next != null && next.getKey() - previous.getKey() > maxGap;
            if (fill != Fill.NONE && !bridgesTooFar) {
                switch (fill) {
                    case PREVIOUS -> {
                        if (previous != null && (next != null || t - previous.getKey() <= maxGap)) {
                            source = previous;
                        }
                    }
                    case NEAREST -> {
                        if (previous != null && next != null) {
                            source = t - previous.getKey() <= next.getKey() - t ? previous : next;
                        } else if (previous != null && t - previous.getKey() <= maxGap) {
                            source = previous;
                        } else if (next != null && next.getKey() - t <= maxGap) {
                            source = next;
                        }
                    }
                    case LINEAR -> {
                        if (previous != null && next != null) {
                            value = ReferenceAligner.fill(samples, t, Fill.LINEAR);
                        }
                    }
                    case NONE -> throw new AssertionError();
                }
                if (source != null) {
                    value = source.getValue();
                }
            }
            values[i] = value;
            if (Double.isNaN(value)) {
                flags[i] = CellQuality.MISSING;
                missing++;
            } else {
                flags[i] = CellQuality.FILLED;
                filled++;
                if (fill == Fill.LINEAR) {
                    used.add(previous.getKey());
                    used.add(next.getKey());
                } else {
                    used.add(source.getKey());
                }
            }
        }
        OptionalLong first = used.stream().mapToLong(Long::longValue).min();
        OptionalLong last = used.stream().mapToLong(Long::longValue).max();
        return new ReferenceCells(
                values,
                flags,
                new SignalReceipt(key, fill, aggregate, maxGap, samplesRead, observed, filled, missing, first, last));
    }
}
