package com.speeddata.pivot.export;

/** Pulls a column of int64 values (times) block by block. */
public interface LongBlockSource extends AutoCloseable {

    /** Fills {@code buffer} with the next values: {@code min(buffer.length, remaining)} of them; 0 at the end. */
    int read(long[] buffer);

    @Override
    void close();
}
