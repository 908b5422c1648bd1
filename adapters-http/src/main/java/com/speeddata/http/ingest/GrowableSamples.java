package com.speeddata.http.ingest;

import java.util.Arrays;

/** Primitive, growable parallel arrays of times and values, for bodies that must be read whole. */
final class GrowableSamples {
    private long[] times = new long[1024];
    private double[] values = new double[1024];
    private int timeCount;
    private int valueCount;

    void addTime(long time) {
        if (timeCount == times.length) {
            times = Arrays.copyOf(times, times.length * 2);
        }
        times[timeCount++] = time;
    }

    void addValue(double value) {
        if (valueCount == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[valueCount++] = value;
    }

    int timeCount() {
        return timeCount;
    }

    int valueCount() {
        return valueCount;
    }

    long[] times() {
        return times;
    }

    double[] values() {
        return values;
    }
}
