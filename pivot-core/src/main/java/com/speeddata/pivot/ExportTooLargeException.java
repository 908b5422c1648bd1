package com.speeddata.pivot;

/** The estimated output exceeds what one export may produce (HTTP 413). */
public class ExportTooLargeException extends PivotException {
    private final long estimatedBytes;
    private final long maxBytes;

    public ExportTooLargeException(long estimatedBytes, long maxBytes) {
        super("estimated output of " + estimatedBytes + " bytes exceeds the maximum export size of " + maxBytes
                + " bytes; narrow the time range, choose fewer signals or a coarser interval");
        this.estimatedBytes = estimatedBytes;
        this.maxBytes = maxBytes;
    }

    public long estimatedBytes() {
        return estimatedBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }
}
