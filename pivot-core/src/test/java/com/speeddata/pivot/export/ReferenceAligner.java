package com.speeddata.pivot.export;

import java.util.Map;
import java.util.NavigableMap;

/**
 * The aligned layout's rules written as plainly as possible, one cell at a time over a sorted map: the oracle the
 * streaming {@link AlignedColumn} is compared with. Small times only (no overflow handling).
 */
final class ReferenceAligner {
    private ReferenceAligner() {}

    static double[] align(
            NavigableMap<Long, Double> samples, long start, long end, long interval, Aggregate aggregate, Fill fill) {
        int rows = (int) ((end - start + interval - 1) / interval);
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            long t = start + i * interval;
            long cellEnd = Math.min(t + interval, end);
            NavigableMap<Long, Double> cell = samples.subMap(t, true, cellEnd, false);
            out[i] = cell.isEmpty() ? fill(samples, t, fill) : aggregate(cell, aggregate);
        }
        return out;
    }

    static double aggregate(NavigableMap<Long, Double> cell, Aggregate aggregate) {
        double[] v = cell.values().stream().mapToDouble(Double::doubleValue).toArray();
        return switch (aggregate) {
            case FIRST -> v[0];
            case LAST -> v[v.length - 1];
            case MIN -> {
                double min = v[0];
                for (double x : v) {
                    min = Math.min(min, x);
                }
                yield min;
            }
            case MAX -> {
                double max = v[0];
                for (double x : v) {
                    max = Math.max(max, x);
                }
                yield max;
            }
            case MEAN -> {
                if (v.length == 1) {
                    yield v[0];
                }
                double sum = -0.0;
                for (double x : v) {
                    sum += x;
                }
                yield sum / v.length;
            }
        };
    }

    static double fill(NavigableMap<Long, Double> samples, long t, Fill fill) {
        Map.Entry<Long, Double> previous = samples.lowerEntry(t);
        Map.Entry<Long, Double> next = samples.ceilingEntry(t);
        return switch (fill) {
            case NONE -> Double.NaN;
            case PREVIOUS -> previous == null ? Double.NaN : previous.getValue();
            case NEAREST -> {
                if (previous == null || next == null) {
                    yield previous != null ? previous.getValue() : next != null ? next.getValue() : Double.NaN;
                }
                yield t - previous.getKey() <= next.getKey() - t ? previous.getValue() : next.getValue();
            }
            case LINEAR -> {
                if (previous == null || next == null) {
                    yield Double.NaN;
                }
                double vp = previous.getValue();
                double vn = next.getValue();
                if (vp == vn) {
                    yield vp;
                }
                double f = (double) (t - previous.getKey()) / (double) (next.getKey() - previous.getKey());
                // Where vn - vp overflows (or a side is infinite) the weighted form, which cannot overflow.
                yield Double.isInfinite(vn - vp) ? vp * (1 - f) + vn * f : vp + (vn - vp) * f;
            }
        };
    }
}
