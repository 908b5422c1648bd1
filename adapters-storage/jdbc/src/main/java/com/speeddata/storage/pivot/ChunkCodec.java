package com.speeddata.storage.pivot;

import com.speeddata.pivot.sample.SampleBlock;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Turns samples into chunk bytes and back with little-endian bulk copies: no per-sample boxing, and on
 * little-endian hardware the JIT makes each a plain memory copy. Values keep their exact IEEE 754 bits (NaN
 * payloads and -0.0 included). Evenly spaced times are not stored at all: first time plus a step.
 */
final class ChunkCodec {
    private ChunkCodec() {}

    /** Encodes samples {@code [from, to)} of the arrays, which must be strictly increasing in time. */
    static EncodedChunk encode(long[] times, double[] values, int from, int to) {
        int n = to - from;
        if (n <= 0) {
            throw new IllegalArgumentException("empty chunk");
        }
        long first = times[from];
        long last = times[to - 1];
        long step = SampleBlock.evenStep(times, from, to);
        byte[] timeBytes = null;
        if (step < 0) {
            timeBytes = new byte[n * Long.BYTES];
            ByteBuffer.wrap(timeBytes)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asLongBuffer()
                    .put(times, from, n);
            step = 0;
        }
        byte[] valueBytes = new byte[n * Double.BYTES];
        ByteBuffer.wrap(valueBytes)
                .order(ByteOrder.LITTLE_ENDIAN)
                .asDoubleBuffer()
                .put(values, from, n);
        return new EncodedChunk(first, last, n, step, timeBytes, valueBytes);
    }

    static long[] decodeTimes(EncodedChunk chunk) {
        long[] times = new long[chunk.n()];
        if (chunk.isEvenlySpaced()) {
            long t = chunk.firstNs();
            long step = chunk.stepNs();
            for (int i = 0; i < times.length; i++) {
                times[i] = t;
                t += step;
            }
        } else {
            ByteBuffer.wrap(chunk.times())
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asLongBuffer()
                    .get(times);
        }
        return times;
    }

    static double[] decodeValues(EncodedChunk chunk) {
        double[] values = new double[chunk.n()];
        ByteBuffer.wrap(chunk.values())
                .order(ByteOrder.LITTLE_ENDIAN)
                .asDoubleBuffer()
                .get(values);
        return values;
    }

    /** Value {@code i} alone, without decoding the rest. */
    static double valueAt(EncodedChunk chunk, int i) {
        return ByteBuffer.wrap(chunk.values()).order(ByteOrder.LITTLE_ENDIAN).getDouble(i * Double.BYTES);
    }
}
