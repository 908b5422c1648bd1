package com.speeddata.pivot.export;

import java.util.Arrays;

/**
 * Fill values for runs of empty cells between a previous sample {@code (tp, vp)} and a next one {@code (tn, vn)},
 * with {@code tp < t < tn} for every cell time {@code t}. Times are int64 ns whose differences may exceed int64
 * (e.g. neighbours centuries apart), so they are taken as unsigned: exact, since {@code tp < t < tn}.
 */
final class Interpolation {
    private static final double TWO_TO_64 = 0x1p64;

    private Interpolation() {}

    /**
     * {@code vp + (vn - vp) * (t - tp) / (tn - tp)} at {@code t = firstNs + j * intervalNs}. Equal neighbours give
     * their value exactly; a NaN neighbour gives NaN; neighbours so far apart in value that {@code vn - vp}
     * overflows are weighted instead ({@code vp * (1 - f) + vn * f}), which cannot overflow.
     */
    static void linear(
            double[] out,
            int offset,
            int count,
            long firstNs,
            long intervalNs,
            long previousNs,
            double previousValue,
            long nextNs,
            double nextValue) {
        int end = offset + count;
        double delta = nextValue - previousValue;
        if (previousValue == nextValue || Double.isNaN(delta)) {
            Arrays.fill(out, offset, end, previousValue == nextValue ? previousValue : Double.NaN);
            return;
        }
        double span = unsignedDifference(nextNs, previousNs);
        long t = firstNs;
        if (Double.isFinite(delta)) {
            for (int k = offset; k < end; k++) {
                out[k] = previousValue + delta * (unsignedDifference(t, previousNs) / span);
                t += intervalNs;
            }
        } else {
            for (int k = offset; k < end; k++) {
                double f = unsignedDifference(t, previousNs) / span;
                out[k] = previousValue * (1 - f) + nextValue * f;
                t += intervalNs;
            }
        }
    }

    /** The neighbour closer in time to {@code t = firstNs + j * intervalNs}; the previous one on a tie. */
    static void nearest(
            double[] out,
            int offset,
            int count,
            long firstNs,
            long intervalNs,
            long previousNs,
            double previousValue,
            long nextNs,
            double nextValue) {
        long t = firstNs;
        for (int k = offset, end = offset + count; k < end; k++) {
            out[k] = Long.compareUnsigned(t - previousNs, nextNs - t) <= 0 ? previousValue : nextValue;
            t += intervalNs;
        }
    }

    /** {@code later - earlier} for {@code later >= earlier}, exact up to 2^64 - 1 before rounding to double. */
    static double unsignedDifference(long later, long earlier) {
        long difference = later - earlier;
        return difference >= 0 ? difference : difference + TWO_TO_64;
    }
}
