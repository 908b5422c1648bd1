package com.speeddata.http.ingest;

import com.speeddata.pivot.sample.SampleBlock;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** Reads a body lazily, a block at a time, as the store asks for the next one; closed when the write is done. */
abstract class BlockReader implements Iterator<SampleBlock>, AutoCloseable {
    private SampleBlock next;
    private boolean done;

    /** The next block, or null at the end; may set {@link #finish()} when it read the last one. */
    protected abstract SampleBlock readBlock();

    protected final void finish() {
        done = true;
    }

    /** Releases what the reader holds besides the body (which its owner closes). */
    @Override
    public void close() {}

    @Override
    public final boolean hasNext() {
        if (next == null && !done) {
            next = readBlock();
            if (next == null) {
                done = true;
            }
        }
        return next != null;
    }

    @Override
    public final SampleBlock next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        SampleBlock block = next;
        next = null;
        return block;
    }
}
