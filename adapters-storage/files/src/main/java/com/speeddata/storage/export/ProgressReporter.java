package com.speeddata.storage.export;

import com.speeddata.pivot.export.ProgressListener;

/**
 * Turns "this many more units are done" into listener calls: one when a new part begins, and otherwise at most
 * one per {@code reportEvery} units, so a listener is never called per block. The listener may throw to cancel;
 * that exception passes straight through.
 */
final class ProgressReporter {
    private final ProgressListener listener;
    private final long total;
    private final long reportEvery;
    private long done;
    private long lastReported;
    private String message = "";

    ProgressReporter(ProgressListener listener, long total, long reportEvery) {
        this.listener = listener == null ? ProgressListener.NONE : listener;
        this.total = total;
        this.reportEvery = Math.max(1, reportEvery);
    }

    /** A new part begins (a dataset, a column): always reported, with its message. */
    void begin(String partMessage) {
        message = partMessage;
        report();
    }

    void advance(long units) {
        done += units;
        if (done - lastReported >= reportEvery) {
            report();
        }
    }

    void finish(String finalMessage) {
        listener.progress(1.0, finalMessage);
    }

    private void report() {
        lastReported = done;
        listener.progress(total <= 0 ? 0.0 : Math.min(1.0, (double) done / total), message);
    }
}
