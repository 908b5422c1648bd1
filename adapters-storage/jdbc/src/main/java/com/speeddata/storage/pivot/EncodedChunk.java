package com.speeddata.storage.pivot;

/**
 * One row of {@code sample_chunk} as stored: {@code n} samples from {@code firstNs} to {@code lastNs}.
 * {@code times} is null when the chunk is evenly spaced (sample i at {@code firstNs + i * stepNs}); otherwise it
 * holds n int64 and {@code stepNs} is unused. {@code values} holds n float64. Both little-endian.
 * The arrays are shared, not copied, like {@link com.speeddata.pivot.sample.SampleBlock}'s; read from the database
 * they may be the driver's own ({@link StoredBytes}), so they are never written to.
 */
record EncodedChunk(long firstNs, long lastNs, int n, long stepNs, byte[] times, byte[] values) {

    boolean isEvenlySpaced() {
        return times == null;
    }
}
