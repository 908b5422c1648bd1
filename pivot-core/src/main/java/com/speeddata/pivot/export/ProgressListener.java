package com.speeddata.pivot.export;

/**
 * Told how far an export has come. A listener may throw an unchecked exception to stop the export (a
 * cancelled job does); the sink then removes its partial output and lets the exception through.
 */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (fraction, message) -> {};

    /** @param fraction done so far, in [0, 1] */
    void progress(double fraction, String message);
}
