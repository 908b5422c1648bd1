package com.speeddata.storage.export;

import com.speeddata.storage.Uninterruptibly;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;

/**
 * Reads a {@link ValueStream} on a thread of its own, a few blocks ahead of the caller: the store is read and the
 * cells computed on one core while the caller writes the previous blocks to the file or socket on the other. The
 * blocks go round a fixed set of {@link #BUFFERS} direct buffers, so memory does not grow with the stream; the
 * caller writes each buffer as it is and hands it back, so the values are not copied on the way (that copy, on the
 * writer's thread, was 2.8 % of the server's and PostgreSQL's samples in a profile of an export;
 * docs/benchmarks.md). A failure of the reading thread is thrown to the caller at the block where it happened;
 * closing stops the reader and closes the source.
 */
final class ReadAhead implements AutoCloseable {
    static final int BUFFERS = 3;
    private static final ByteBuffer END = ByteBuffer.allocate(0);

    private final BlockingQueue<ByteBuffer> filled = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BUFFERS);
    private final Thread reader;
    private volatile RuntimeException failure;
    private boolean ended;

    /**
     * Starts reading {@code values} (opened on the reading thread) in blocks of {@code blockValues} values of at
     * most 8 bytes each.
     */
    ReadAhead(Supplier<ValueStream> values, int blockValues, String label) {
        for (int i = 0; i < BUFFERS; i++) {
            free.add(ValueStream.buffer(blockValues));
        }
        reader = new Thread(() -> read(values), "export-read-ahead " + label);
        reader.setDaemon(true);
        reader.start();
    }

    private void read(Supplier<ValueStream> values) {
        try (ValueStream source = values.get()) {
            while (true) {
                ByteBuffer buffer = free.take().clear();
                if (source.read(buffer) == 0) {
                    break;
                }
                filled.put(buffer.flip());
            }
        } catch (InterruptedException e) {
            return; // closed by the caller, who reads no further
        } catch (RuntimeException | Error e) {
            failure = e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
        filled.add(END); // after the source is closed, so that a failure to close it is not lost
    }

    /**
     * The next block, filled and flipped: write it, then give it back with {@link #recycle}. Null at the end.
     *
     * @throws RuntimeException the reader's failure, as it was thrown, once the blocks before it are taken
     */
    ByteBuffer next() {
        if (ended) {
            return null;
        }
        ByteBuffer block;
        try {
            block = filled.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading ahead", e);
        }
        if (block == END) {
            ended = true;
            if (failure != null) {
                throw failure; // as it was thrown: callers tell failures apart by type (disk full, database gone)
            }
            return null;
        }
        return block;
    }

    /** Hands a block from {@link #next} back to the reader, to be filled again. */
    void recycle(ByteBuffer block) {
        free.add(block);
    }

    /**
     * Stops the reader and waits until it has closed the source, even when this thread is interrupted (a
     * cancelled job): the caller may delete the file or release the connection right after.
     */
    @Override
    public void close() {
        reader.interrupt();
        Uninterruptibly.await(reader::join);
    }
}
