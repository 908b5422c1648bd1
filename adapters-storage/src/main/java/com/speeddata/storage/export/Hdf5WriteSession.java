package com.speeddata.storage.export;

import io.jhdf.storage.HdfFileChannel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * What the streamed nodes of one HDF5 file share while jHDF writes them at close: the reused block buffers, the
 * progress across all datasets, and the file's channel, so that a failed write can still close it (jHDF does not
 * close its channel when writing fails).
 */
final class Hdf5WriteSession {
    private final ProgressReporter progress;
    private final int blockValues;
    private FileChannel channel;
    private ByteBuffer firstBuffer;
    private ByteBuffer secondBuffer;
    private double[] doubles;
    private long[] longs;
    private byte[] bytes;

    Hdf5WriteSession(ProgressReporter progress, int blockValues) {
        this.progress = progress;
        this.blockValues = blockValues;
    }

    ProgressReporter progress() {
        return progress;
    }

    int blockValues() {
        return blockValues;
    }

    /** Called by every streamed node as it starts writing; remembers the channel for {@link #closeAfterFailure}. */
    void attach(HdfFileChannel file) {
        channel = file.getFileChannel();
    }

    void closeAfterFailure(Throwable failure) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }

    ByteBuffer firstBuffer() {
        if (firstBuffer == null) {
            firstBuffer = ValueStream.buffer(blockValues);
        }
        return firstBuffer.clear();
    }

    ByteBuffer secondBuffer() {
        if (secondBuffer == null) {
            secondBuffer = ValueStream.buffer(blockValues);
        }
        return secondBuffer.clear();
    }

    double[] doubleScratch() {
        if (doubles == null) {
            doubles = new double[blockValues];
        }
        return doubles;
    }

    byte[] byteScratch() {
        if (bytes == null) {
            bytes = new byte[blockValues];
        }
        return bytes;
    }

    long[] longScratch() {
        if (longs == null) {
            longs = new long[blockValues];
        }
        return longs;
    }

    /** As {@link #copy(ValueStream, long, long, String, int)} for 8-byte values. */
    void copy(ValueStream values, long address, long expected, String label) {
        copy(values, address, expected, label, Hdf5Objects.ELEMENT_BYTES);
    }

    /**
     * Streams exactly {@code expected} values of {@code elementBytes} each from {@code values} to the file at
     * {@code address}.
     *
     * @throws IllegalStateException when the stream gives fewer or more values
     */
    void copy(ValueStream values, long address, long expected, String label, int elementBytes) {
        ByteBuffer buffer = firstBuffer();
        long count = 0;
        while (true) {
            buffer.clear();
            int n = values.read(buffer);
            if (n == 0) {
                break;
            }
            if (n > expected - count) {
                throw tooMany(label, expected);
            }
            buffer.flip();
            write(buffer, address + count * elementBytes);
            count += n;
            progress.advance((long) n * elementBytes);
        }
        if (count != expected) {
            throw tooFew(label, count, expected);
        }
    }

    /** Writes all of {@code buffer} at {@code position}. */
    void write(ByteBuffer buffer, long position) {
        try {
            long at = position;
            while (buffer.hasRemaining()) {
                at += channel.write(buffer, at);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static IllegalStateException tooMany(String label, long expected) {
        return new IllegalStateException(label + ": the source gave more than the " + expected + " values planned");
    }

    static IllegalStateException tooFew(String label, long count, long expected) {
        return new IllegalStateException(label + ": the source gave " + count + " values, " + expected + " were planned");
    }
}
