package com.speeddata.jobs;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Writes a result file and has what is written flushed to the disk in the background every
 * {@link #FLUSH_EVERY_BYTES}, so that making the finished file durable ({@link ResultStore#describe}) waits for
 * the last few megabytes only, not the whole file: the disk writes while the job still computes. Linux otherwise
 * starts writing dirty pages back only after 30 s, or once they pass a tenth of memory. One background flush per
 * file at a time; one that fails is thrown by the next write or by {@link #force}.
 */
public final class FlushingChannel implements WritableByteChannel {
    static final long FLUSH_EVERY_BYTES = 16L << 20;
    /** One thread for every file: the flushes share one disk anyway. */
    private static final ExecutorService FLUSHER = flusher();

    private final FileChannel file;
    private final long flushEvery;
    private long unflushed;
    private Future<?> flushing = CompletableFuture.completedFuture(null);
    private int flushes;

    public FlushingChannel(FileChannel file) {
        this(file, FLUSH_EVERY_BYTES);
    }

    FlushingChannel(FileChannel file, long flushEvery) {
        this.file = file;
        this.flushEvery = flushEvery;
    }

    private static ExecutorService flusher() {
        ThreadPoolExecutor pool =
                new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "result-flush");
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        int n = file.write(source);
        unflushed += n;
        if (unflushed >= flushEvery && flushing.isDone()) {
            awaitFlush(); // done already: throws what it failed with, if it did
            unflushed = 0;
            flushes++;
            flushing = FLUSHER.submit(() -> {
                file.force(false);
                return null;
            });
        }
        return n;
    }

    /** Everything written is on the disk when this returns (as far as the disk honours a flush). */
    public void force() throws IOException {
        awaitFlush();
        file.force(false);
    }

    /** Background flushes started so far. */
    int flushes() {
        return flushes;
    }

    private void awaitFlush() throws IOException {
        try {
            flushing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the result file was flushed");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException failure) {
                throw failure;
            }
            throw new IOException("flushing the result file failed", e.getCause());
        }
    }

    @Override
    public boolean isOpen() {
        return file.isOpen();
    }

    /** Closes the file once a background flush under way has ended (closing under it would fail it). */
    @Override
    public void close() throws IOException {
        try {
            flushing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // the file is being given up or was flushed again since; a failure that mattered was thrown already
        } finally {
            file.close();
        }
    }
}
