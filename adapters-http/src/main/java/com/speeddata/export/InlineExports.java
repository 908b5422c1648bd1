package com.speeddata.export;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The bound on inline exports, which run outside the job queue: at most so many at once and at most so many
 * estimated bytes between them (their files sit in the result directory while written and sent). A permit is taken
 * before an inline export starts and given back once its file is sent, deleted or handed over to a job.
 */
final class InlineExports {
    private final int maxConcurrent;
    private final long maxBytes;
    private int running;
    private long bytes;

    InlineExports(int maxConcurrent, long maxBytes) {
        if (maxConcurrent <= 0 || maxBytes <= 0) {
            throw new IllegalArgumentException("bounds must be positive: " + maxConcurrent + ", " + maxBytes);
        }
        this.maxConcurrent = maxConcurrent;
        this.maxBytes = maxBytes;
    }

    /** True when an export of this estimate could ever run inline: it alone fits the bytes bound. */
    boolean fits(long estimatedBytes) {
        return estimatedBytes <= maxBytes;
    }

    /** A permit for an export of this estimate, or empty when the bound is reached. */
    synchronized Optional<Permit> tryEnter(long estimatedBytes) {
        long size = Math.max(0, estimatedBytes);
        if (running >= maxConcurrent || size > maxBytes - bytes) {
            return Optional.empty();
        }
        running++;
        bytes += size;
        return Optional.of(new Permit(size));
    }

    private synchronized void leave(long size) {
        running--;
        bytes -= size;
    }

    synchronized int running() {
        return running;
    }

    /** One inline export's share of the bound; closing it more than once gives it back once. */
    final class Permit implements AutoCloseable {
        private final long size;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Permit(long size) {
            this.size = size;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                leave(size);
            }
        }
    }
}
