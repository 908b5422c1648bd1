package com.speeddata.storage.pivot;

import java.util.Arrays;

/** Binary searches over strictly increasing time arrays. */
final class Times {
    private Times() {}

    /** Index of the first time {@code >= t} in {@code [from, to)}, or {@code to}. */
    static int lowerBound(long[] times, int from, int to, long t) {
        int i = Arrays.binarySearch(times, from, to, t);
        return i >= 0 ? i : -i - 1;
    }

    /** Index of the first time {@code > t} in {@code [from, to)}, or {@code to}. */
    static int upperBound(long[] times, int from, int to, long t) {
        int i = Arrays.binarySearch(times, from, to, t);
        return i >= 0 ? i + 1 : -i - 1;
    }
}
