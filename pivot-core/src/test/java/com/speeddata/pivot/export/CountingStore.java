package com.speeddata.pivot.export;

import com.speeddata.pivot.catalog.SignalKey;
import com.speeddata.pivot.sample.Sample;
import com.speeddata.pivot.sample.SampleBlock;
import com.speeddata.pivot.sample.SampleCursor;
import com.speeddata.pivot.sample.SampleStore;
import java.util.Iterator;
import java.util.Optional;

/** A store that counts how the export uses it, so tests can see what was asked and what was closed. */
final class CountingStore implements SampleStore {
    private final SampleStore delegate;
    int reads;
    int openCursors;
    int counts;
    int lastBeforeCalls;
    int firstAtOrAfterCalls;
    long samplesDelivered;

    CountingStore(SampleStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public long write(SignalKey key, Iterator<SampleBlock> blocks) {
        return delegate.write(key, blocks);
    }

    @Override
    public long delete(SignalKey key, long fromNs, long toNs) {
        return delegate.delete(key, fromNs, toNs);
    }

    @Override
    public SampleCursor read(SignalKey key, long fromNs, long toNs) {
        reads++;
        openCursors++;
        SampleCursor cursor = delegate.read(key, fromNs, toNs);
        return new SampleCursor() {
            private boolean closed;

            @Override
            public SampleBlock next() {
                if (closed) {
                    throw new IllegalStateException("cursor used after close");
                }
                SampleBlock block = cursor.next();
                samplesDelivered += block == null ? 0 : block.size();
                return block;
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    openCursors--;
                    cursor.close();
                }
            }
        };
    }

    @Override
    public long count(SignalKey key, long fromNs, long toNs) {
        counts++;
        return delegate.count(key, fromNs, toNs);
    }

    @Override
    public Optional<Sample> lastBefore(SignalKey key, long timeNs) {
        lastBeforeCalls++;
        return delegate.lastBefore(key, timeNs);
    }

    @Override
    public Optional<Sample> firstAtOrAfter(SignalKey key, long timeNs) {
        firstAtOrAfterCalls++;
        return delegate.firstAtOrAfter(key, timeNs);
    }
}
