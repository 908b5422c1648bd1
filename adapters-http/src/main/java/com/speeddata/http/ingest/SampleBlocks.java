package com.speeddata.http.ingest;

import com.speeddata.pivot.sample.SampleBlock;
import java.util.Arrays;
import java.util.Comparator;

/** Turns samples in arrival order into a valid {@link SampleBlock}: sorted by time, later duplicates winning. */
final class SampleBlocks {
    private SampleBlocks() {}

    static SampleBlock sortedUnique(long[] times, double[] values, int size) {
        if (isStrictlyIncreasing(times, size)) {
            return new SampleBlock(Arrays.copyOf(times, size), Arrays.copyOf(values, size));
        }
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        // Stable: among equal times the later sample stays later, and the loop below keeps the last of each run.
        Arrays.sort(order, Comparator.comparingLong(i -> times[i]));
        long[] sortedTimes = new long[size];
        double[] sortedValues = new double[size];
        int n = 0;
        for (int k = 0; k < size; k++) {
            int i = order[k];
            if (n > 0 && sortedTimes[n - 1] == times[i]) {
                sortedValues[n - 1] = values[i];
            } else {
                sortedTimes[n] = times[i];
                sortedValues[n] = values[i];
                n++;
            }
        }
        return new SampleBlock(Arrays.copyOf(sortedTimes, n), Arrays.copyOf(sortedValues, n));
    }

    private static boolean isStrictlyIncreasing(long[] times, int size) {
        for (int i = 1; i < size; i++) {
            if (times[i] <= times[i - 1]) {
                return false;
            }
        }
        return true;
    }
}
