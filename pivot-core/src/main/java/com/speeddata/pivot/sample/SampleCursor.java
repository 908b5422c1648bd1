package com.speeddata.pivot.sample;

/** Pull-based, block-by-block read of stored samples in time order. Must be closed. */
public interface SampleCursor extends AutoCloseable {

    /** The next non-empty block, or null when there is no more. */
    SampleBlock next();

    @Override
    void close();
}
