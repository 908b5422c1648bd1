package com.speeddata.http.ingest;

import com.speeddata.pivot.InvalidRequestException;
import com.speeddata.pivot.sample.SampleBlock;

/**
 * Pairs a body's times with its values a block at a time, so that neither side is ever held whole: values come
 * from the JSON array being read or from a {@link TokenSpool}, times from the other array, its spool, or a regular
 * signal's start and rate. The two arrays must have as many entries as each other.
 */
final class SamplePairing {
    /** One side's times: fills {@code into[0..count)}, and returns fewer than {@code count} only at its end. */
    interface Times {
        int fill(long[] into, int count);

        /** True for a regular signal's times, which never run out. */
        default boolean endless() {
            return false;
        }
    }

    /** One side's values: fills up to {@code max} of {@code into}, and returns fewer only at its end. */
    interface Values {
        int fill(double[] into, int max);
    }

    private final Times times;
    private final Values values;
    private final long[] timeBuffer = new long[JsonSamplesReader.BLOCK_SIZE];
    private final double[] valueBuffer = new double[JsonSamplesReader.BLOCK_SIZE];
    private long paired;
    private boolean done;

    SamplePairing(Times times, Values values) {
        this.times = times;
        this.values = values;
    }

    /** The next block of samples, or null once both sides ended together. */
    SampleBlock next() {
        if (done) {
            return null;
        }
        int n = values.fill(valueBuffer, valueBuffer.length);
        int withTimes = times.fill(timeBuffer, n);
        if (withTimes < n) {
            throw new InvalidRequestException(
                    "/values",
                    "has more entries than the " + (paired + withTimes) + " timestamps; send one value per timestamp");
        }
        paired += n;
        if (n < valueBuffer.length) {
            done = true;
            if (!times.endless() && times.fill(new long[1], 1) > 0) {
                throw new InvalidRequestException(
                        "/values",
                        "has " + paired + " entries but timestamps has more; " + "send one value per timestamp");
            }
        }
        return n == 0 ? null : SampleBlocks.sortedUnique(timeBuffer, valueBuffer, n);
    }
}
