package com.speeddata.pivot.export;

/** Pulls a column's values block by block, so no export ever holds a whole column. */
public interface DoubleBlockSource extends AutoCloseable {

    /** Fills {@code buffer} with the next values: {@code min(buffer.length, remaining)} of them; 0 at the end. */
    int read(double[] buffer);

    @Override
    void close();
}
