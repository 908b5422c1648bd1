package com.speeddata.storage.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.function.IntFunction;

/**
 * What the writing of one HDF5 file shares: the output and the progress across all datasets. The file is written
 * front to back, never seeking, so the output may be a network response: every write names the address it is meant
 * for, and one that is not where the output stands is a bug in the layout ({@link IllegalStateException}), never a
 * silently corrupt file.
 */
final class Hdf5WriteSession {
    private final ProgressReporter progress;
    private final int blockValues;
    private final WritableByteChannel channel;
    private long position;
    /** Scratch arrays in two sets (see {@link #doubleScratch}). */
    private final double[][] doubles = new double[2][];

    private final long[][] longs = new long[2][];
    private final byte[][] bytes = new byte[2][];

    Hdf5WriteSession(WritableByteChannel channel, ProgressReporter progress, int blockValues) {
        this.channel = channel;
        this.progress = progress;
        this.blockValues = blockValues;
    }

    ProgressReporter progress() {
        return progress;
    }

    int blockValues() {
        return blockValues;
    }

    /**
     * Scratch values for the dataset at {@code index} in file order. There are two sets, so two datasets in a row
     * never share one: the next is read while one is written ({@link DatasetCopy}). Each array is made once per file,
     * on the thread that lays the file out, rather than per dataset: at 64K values it is a humongous object for G1 in
     * a small heap.
     */
    double[] doubleScratch(int index) {
        return scratch(doubles, index, double[]::new);
    }

    /** As {@link #doubleScratch}. */
    long[] longScratch(int index) {
        return scratch(longs, index, long[]::new);
    }

    /** As {@link #doubleScratch}. */
    byte[] byteScratch(int index) {
        return scratch(bytes, index, byte[]::new);
    }

    private <T> T scratch(T[] sets, int index, IntFunction<T> make) {
        int set = index % sets.length;
        if (sets[set] == null) {
            sets[set] = make.apply(blockValues);
        }
        return sets[set];
    }

    /** Writes all of {@code buffer} at {@code address}, which must be where the output stands. */
    void write(ByteBuffer buffer, long address) {
        if (address != position) {
            throw new IllegalStateException("the layout put " + buffer.remaining() + " bytes at " + address
                    + " where the file is written up to " + position);
        }
        try {
            while (buffer.hasRemaining()) {
                position += channel.write(buffer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes zeros up to {@code address} (the superblock's padding). */
    void padTo(long address) {
        write(ByteBuffer.allocate(Math.toIntExact(address - position)), position);
    }

    /** Bytes written so far. */
    long position() {
        return position;
    }
}
