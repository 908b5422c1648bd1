package com.speeddata.pivot.export;

/**
 * An aligned column's values together with each cell's {@link CellQuality} flag, pulled block by block, and its
 * {@link SignalReceipt} once every value was read.
 */
public interface AlignedCells extends DoubleBlockSource {

    /**
     * As {@link #read(double[])}; when {@code quality} is not null it gets each value's flag at the same index and
     * must be at least as long as {@code values}.
     */
    int read(double[] values, byte[] quality);

    @Override
    default int read(double[] values) {
        return read(values, null);
    }

    /** The receipt of the column; only once every value was read. */
    SignalReceipt receipt();
}
