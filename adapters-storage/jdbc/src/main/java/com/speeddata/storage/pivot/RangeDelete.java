package com.speeddata.storage.pivot;

import com.speeddata.pivot.catalog.SignalStats;
import com.speeddata.storage.pivot.ChunkTable.ChunkBounds;
import com.speeddata.storage.pivot.SignalTable.LockedSignal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@link JdbcSampleStore#delete} inside its transaction, on a signal whose row it holds locked. The chunks lying
 * wholly inside {@code [from, to)} go with one DELETE, however many; the (at most two) chunks that straddle an edge
 * of the range are cut there: they are deleted and the samples they hold outside the range are stored again, each
 * side as a chunk of its own. The statistics are then taken from the chunks that remain.
 */
final class RangeDelete {
    private final Connection connection;
    private final LockedSignal signal;
    private final List<EncodedChunk> kept = new ArrayList<>(3);

    RangeDelete(Connection connection, LockedSignal signal) {
        this.connection = connection;
        this.signal = signal;
    }

    /** Deletes the samples in {@code [from, to)}; returns how many there were. */
    long apply(long from, long to) throws SQLException {
        if (from >= to || signal.stats().isEmpty()) {
            return 0;
        }
        long id = signal.id();
        long deleted = ChunkTable.interiorCount(connection, id, from, to);
        EncodedChunk left = ChunkTable.lastStartingBefore(connection, id, from);
        if (left != null && left.lastNs() >= from) {
            deleted += cut(left, from, to);
        }
        EncodedChunk right = ChunkTable.lastStartingBefore(connection, id, to);
        if (right != null && right.firstNs() >= from && right.lastNs() >= to) {
            deleted += cut(right, from, to);
        }
        // The interior chunks and a right edge chunk all start inside the range; a left edge chunk starts before.
        ChunkTable.deleteStartingIn(connection, id, from, to - 1);
        if (!kept.isEmpty()) {
            ChunkTable.insert(connection, id, kept);
        }
        if (deleted > 0) {
            SignalTable.updateStats(connection, id, statsAfter(signal.stats().samples() - deleted));
        }
        return deleted;
    }

    /**
     * Counts the chunk's samples inside the range; when it has any, deletes the chunk and keeps its samples
     * before and after the range for re-insertion.
     */
    private int cut(EncodedChunk chunk, long from, long to) throws SQLException {
        long[] times = ChunkCodec.decodeTimes(chunk);
        int start = Times.lowerBound(times, 0, times.length, from);
        int end = Times.lowerBound(times, start, times.length, to);
        if (start == end) {
            return 0;
        }
        double[] values = ChunkCodec.decodeValues(chunk);
        if (chunk.firstNs() < from) {
            ChunkTable.deleteStartingIn(connection, signal.id(), chunk.firstNs(), chunk.firstNs());
        }
        if (start > 0) {
            kept.add(ChunkCodec.encode(times, values, 0, start));
        }
        if (end < times.length) {
            kept.add(ChunkCodec.encode(times, values, end, times.length));
        }
        return end - start;
    }

    private SignalStats statsAfter(long remaining) throws SQLException {
        if (remaining == 0) {
            return SignalStats.EMPTY;
        }
        ChunkBounds first = ChunkTable.first(connection, signal.id());
        ChunkBounds last = ChunkTable.lastStartingAtOrBefore(connection, signal.id(), Long.MAX_VALUE);
        return new SignalStats(remaining, first.firstNs(), last.lastNs());
    }
}
