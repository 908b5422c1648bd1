package com.speeddata.storage.pivot;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts an increasing run of samples into chunks of {@code chunkSamples} (the last one may be shorter) and inserts
 * them in batches, so a merge of any length needs only a chunk's worth of buffer plus one batch.
 */
final class ChunkSink {
    /** Chunks per batched INSERT: up to 2 MB of samples at 8192 samples per chunk. */
    static final int BATCH_CHUNKS = 16;

    private final Connection connection;
    private final long signalId;
    private final long[] times;
    private final double[] values;
    private final List<EncodedChunk> batch = new ArrayList<>(BATCH_CHUNKS);
    private int buffered;
    private long written;

    ChunkSink(Connection connection, long signalId, int chunkSamples) {
        this.connection = connection;
        this.signalId = signalId;
        this.times = new long[chunkSamples];
        this.values = new double[chunkSamples];
    }

    /** Appends samples {@code [from, to)}; their times must follow every time added before. */
    void add(long[] sampleTimes, double[] sampleValues, int from, int to) throws SQLException {
        while (from < to) {
            int n = Math.min(to - from, times.length - buffered);
            System.arraycopy(sampleTimes, from, times, buffered, n);
            System.arraycopy(sampleValues, from, values, buffered, n);
            buffered += n;
            from += n;
            if (buffered == times.length) {
                cut();
            }
        }
    }

    /** Stores what is buffered; returns how many samples this sink stored in all. */
    long finish() throws SQLException {
        if (buffered > 0) {
            cut();
        }
        flush();
        return written;
    }

    private void cut() throws SQLException {
        batch.add(ChunkCodec.encode(times, values, 0, buffered));
        written += buffered;
        buffered = 0;
        if (batch.size() == BATCH_CHUNKS) {
            flush();
        }
    }

    private void flush() throws SQLException {
        if (!batch.isEmpty()) {
            ChunkTable.insert(connection, signalId, batch);
            batch.clear();
        }
    }
}
