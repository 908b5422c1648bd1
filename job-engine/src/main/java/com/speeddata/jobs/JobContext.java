package com.speeddata.jobs;

/** A running job's line to the engine. */
public interface JobContext {

    /**
     * Records progress. Persisted at most once per throttle interval, so it may be called per block.
     *
     * @throws JobCancelledException once the job was cancelled
     * @throws LeaseLostException    once another worker took the job over
     */
    default void progress(int percent, String message) {
        progress(new Progress(Math.max(0, Math.min(100, percent)), message));
    }

    /** As {@link #progress(int, String)}, with item counts. */
    void progress(Progress progress);
}
