package com.speeddata.pivot.export;

import java.util.Arrays;
import java.util.OptionalLong;

/**
 * Counts what an aligned column's cells were made of, for its {@link SignalReceipt}: stored samples read, cells
 * observed, filled and missing, and the earliest and latest stored sample whose value is in a cell. Writes the
 * {@link CellQuality} flags of empty cells as it counts them.
 */
final class CellTally {
    private long samplesRead;
    private long filledCells;
    private long missingCells;
    private boolean anyUsed;
    private long firstUsedNs;
    private long lastUsedNs;

    /**
     * A block of {@code samples} stored samples inside the range, from {@code firstNs} to {@code lastNs}: every one
     * goes into an observed cell. Counted per block, not per cell, to keep the on-grid path to its bare loop; the
     * observed cells are the ones neither filled nor missing.
     */
    void read(long samples, long firstNs, long lastNs) {
        samplesRead += samples;
        use(firstNs);
        use(lastNs);
    }

    /** {@code count} cells, all filled; their flags go to {@code quality} when it is not null. */
    void filled(byte[] quality, int offset, int count) {
        if (quality != null) {
            Arrays.fill(quality, offset, offset + count, CellQuality.FILLED);
        }
        filledCells += count;
    }

    /**
     * Flags and counts the empty cells {@code [offset, end)} of {@code out}: filled where a number, missing where
     * NaN. Returns the first filled one, or -1.
     */
    int flag(double[] out, byte[] quality, int offset, int end) {
        int firstFilled = -1;
        int filled = 0;
        for (int k = offset; k < end; k++) {
            boolean missing = Double.isNaN(out[k]);
            if (quality != null) {
                quality[k] = missing ? CellQuality.MISSING : CellQuality.FILLED;
            }
            if (!missing) {
                filled++;
                if (firstFilled < 0) {
                    firstFilled = k;
                }
            }
        }
        filledCells += filled;
        missingCells += end - offset - filled;
        return firstFilled;
    }

    /** A stored sample whose value went into a cell. */
    void use(long timeNs) {
        if (!anyUsed) {
            anyUsed = true;
            firstUsedNs = timeNs;
            lastUsedNs = timeNs;
        } else if (timeNs < firstUsedNs) {
            firstUsedNs = timeNs;
        } else if (timeNs > lastUsedNs) {
            lastUsedNs = timeNs;
        }
    }

    /** The receipt of a column of {@code rows} cells, every one of them flagged. */
    SignalReceipt receipt(ExportColumn column, long maxGapNs, long rows) {
        return new SignalReceipt(
                column.key(),
                column.fill(),
                column.aggregate(),
                maxGapNs,
                samplesRead,
                rows - filledCells - missingCells,
                filledCells,
                missingCells,
                anyUsed ? OptionalLong.of(firstUsedNs) : OptionalLong.empty(),
                anyUsed ? OptionalLong.of(lastUsedNs) : OptionalLong.empty());
    }
}
