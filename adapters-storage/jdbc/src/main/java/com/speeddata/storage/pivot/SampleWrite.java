package com.speeddata.storage.pivot;

import com.speeddata.pivot.catalog.SignalKey;
import com.speeddata.pivot.catalog.SignalStats;
import com.speeddata.pivot.sample.SampleBlock;
import com.speeddata.storage.pivot.SignalTable.LockedSignal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Iterator;

/**
 * One {@link JdbcSampleStore#write} inside its transaction. Consecutive blocks that follow each other in time are
 * gathered into one run of up to {@code runSamples} before they are merged, so a long upload in many small blocks
 * costs one merge per run instead of one per block; a block that goes back in time ends the run first, which keeps
 * "the later sample wins" true. The signal's statistics are kept exact: a merge never loses a sample, so the count
 * grows by what each merge adds and the first and last times only widen.
 */
final class SampleWrite {
    private final Connection connection;
    private final String owner;
    private final SignalKey key;
    private final int chunkSamples;
    private final int runSamples;

    private RunMerge merge;
    private long[] runTimes = new long[0];
    private double[] runValues = new double[0];
    private int runSize;
    private long count;
    private long first;
    private long last;

    SampleWrite(Connection connection, String owner, SignalKey key, int chunkSamples, int runSamples) {
        this.connection = connection;
        this.owner = owner;
        this.key = key;
        this.chunkSamples = chunkSamples;
        this.runSamples = runSamples;
    }

    /** Stores every block; returns how many samples the blocks held. */
    long apply(Iterator<SampleBlock> blocks) throws SQLException {
        LockedSignal signal = SignalTable.lock(connection, owner, key);
        merge = new RunMerge(connection, signal.id(), chunkSamples);
        SignalStats before = signal.stats();
        count = before.samples();
        first = before.isEmpty() ? Long.MAX_VALUE : before.firstNs();
        last = before.isEmpty() ? Long.MIN_VALUE : before.lastNs();

        long accepted = 0;
        while (blocks.hasNext()) {
            SampleBlock block = blocks.next();
            if (block.isEmpty()) {
                continue;
            }
            requireIncreasing(block);
            accepted += block.size();
            add(block);
        }
        mergeRun();
        SignalStats after = count == 0 ? SignalStats.EMPTY : new SignalStats(count, first, last);
        if (!after.equals(before)) {
            SignalTable.updateStats(connection, signal.id(), after);
        }
        return accepted;
    }

    private void add(SampleBlock block) throws SQLException {
        if (runSize > 0 && block.firstTime() <= runTimes[runSize - 1]) {
            mergeRun();
        }
        if (runSize == 0 && block.size() >= runSamples) {
            mergeBlock(block);
            return;
        }
        if (runSize + block.size() > runTimes.length) {
            int capacity = Math.max(runSize + block.size(), Math.min(runSamples, Math.max(1024, runTimes.length * 2)));
            runTimes = Arrays.copyOf(runTimes, capacity);
            runValues = Arrays.copyOf(runValues, capacity);
        }
        System.arraycopy(block.times(), 0, runTimes, runSize, block.size());
        System.arraycopy(block.values(), 0, runValues, runSize, block.size());
        runSize += block.size();
        if (runSize >= runSamples) {
            mergeRun();
        }
    }

    private void mergeRun() throws SQLException {
        if (runSize > 0) {
            merged(merge.merge(runTimes, runValues, runSize), runTimes[0], runTimes[runSize - 1]);
            runSize = 0;
        }
    }

    private void mergeBlock(SampleBlock block) throws SQLException {
        merged(merge.merge(block.times(), block.values(), block.size()), block.firstTime(), block.lastTime());
    }

    private void merged(long added, long runFirst, long runLast) {
        count += added;
        first = Math.min(first, runFirst);
        last = Math.max(last, runLast);
    }

    private void requireIncreasing(SampleBlock block) {
        long[] times = block.times();
        for (int i = 1; i < times.length; i++) {
            if (times[i] <= times[i - 1]) {
                throw new IllegalArgumentException("times of a block of " + key + " must increase strictly, but "
                        + times[i] + " follows " + times[i - 1] + " at index " + i);
            }
        }
    }
}
