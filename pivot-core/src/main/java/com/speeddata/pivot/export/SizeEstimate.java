package com.speeddata.pivot.export;

/**
 * What an export is expected to produce, known before any sample is read.
 *
 * @param rows    grid rows (aligned) or samples over all columns (raw)
 * @param columns exported signals
 */
public record SizeEstimate(long bytes, long rows, int columns) {
    public SizeEstimate {
        if (bytes < 0 || rows < 0 || columns < 0) {
            throw new IllegalArgumentException(
                    "negative estimate: " + bytes + " bytes, " + rows + " rows, " + columns + " columns");
        }
    }
}
