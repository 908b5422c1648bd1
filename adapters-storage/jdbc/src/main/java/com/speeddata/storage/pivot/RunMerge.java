package com.speeddata.storage.pivot;

import com.speeddata.storage.pivot.ChunkTable.ChunkBounds;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Merges one increasing run of new samples into a signal's stored chunks, inside the caller's transaction.
 *
 * <p>It takes the stored chunks that overlap the run's time span, plus the chunk just before the run when that one
 * is not full (so that appends fill it up instead of leaving many small chunks), deletes them and stores the merged
 * samples as new chunks; on equal times the run's sample wins. The stored chunks are read a page at a time, so
 * even a sparse run laid over a long, dense stretch needs bounded memory.
 */
final class RunMerge {
    /** Stored chunks read per page while merging. */
    static final int PAGE_CHUNKS = 16;

    private final Connection connection;
    private final long signalId;
    private final int chunkSamples;

    RunMerge(Connection connection, long signalId, int chunkSamples) {
        this.connection = connection;
        this.signalId = signalId;
        this.chunkSamples = chunkSamples;
    }

    /**
     * Merges the first {@code n} samples of the arrays (strictly increasing times, n > 0); returns by how much the
     * stored sample count grew.
     */
    long merge(long[] times, double[] values, int n) throws SQLException {
        long runFirst = times[0];
        long runLast = times[n - 1];
        long from = runFirst;
        ChunkBounds before = ChunkTable.lastStartingAtOrBefore(connection, signalId, runFirst);
        if (before != null && (before.lastNs() >= runFirst || before.n() < chunkSamples)) {
            from = before.firstNs();
        }

        ChunkSink sink = new ChunkSink(connection, signalId, chunkSamples);
        Merging merging = new Merging(times, values, n, sink);
        long replacedCount = 0;
        long pageFrom = from;
        while (true) {
            List<EncodedChunk> page = ChunkTable.startingIn(connection, signalId, pageFrom, runLast, PAGE_CHUNKS);
            if (page.isEmpty()) {
                break;
            }
            long pageLastFirst = page.get(page.size() - 1).firstNs();
            // Gone before the merged chunks go in: those start no later than the next unread stored chunk.
            ChunkTable.deleteStartingIn(connection, signalId, pageFrom, pageLastFirst);
            for (EncodedChunk chunk : page) {
                merging.stored(ChunkCodec.decodeTimes(chunk), ChunkCodec.decodeValues(chunk));
                replacedCount += chunk.n();
            }
            if (page.size() < PAGE_CHUNKS || pageLastFirst == runLast) {
                break;
            }
            pageFrom = pageLastFirst + 1;
        }
        merging.rest();
        return sink.finish() - replacedCount;
    }

    /** The merge of the run with stored samples that arrive chunk by chunk in time order. */
    private static final class Merging {
        private final long[] runTimes;
        private final double[] runValues;
        private final int runSize;
        private final ChunkSink sink;
        private int next;

        Merging(long[] runTimes, double[] runValues, int runSize, ChunkSink sink) {
            this.runTimes = runTimes;
            this.runValues = runValues;
            this.runSize = runSize;
            this.sink = sink;
        }

        /** Emits the stored samples of one chunk and the run's samples up to that chunk's end. */
        void stored(long[] times, double[] values) throws SQLException {
            int n = times.length;
            int i = 0;
            while (i < n) {
                if (next == runSize) {
                    sink.add(times, values, i, n);
                    return;
                }
                int storedEnd = Times.lowerBound(times, i, n, runTimes[next]);
                sink.add(times, values, i, storedEnd);
                i = storedEnd;
                if (i == n) {
                    return;
                }
                int runEnd = Times.upperBound(runTimes, next, runSize, times[i]);
                sink.add(runTimes, runValues, next, runEnd);
                if (runTimes[runEnd - 1] == times[i]) {
                    i++; // replaced by the run's sample
                }
                next = runEnd;
            }
        }

        void rest() throws SQLException {
            sink.add(runTimes, runValues, next, runSize);
            next = runSize;
        }
    }
}
