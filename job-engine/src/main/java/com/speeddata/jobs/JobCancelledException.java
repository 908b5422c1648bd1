package com.speeddata.jobs;

/** Thrown into a running handler at its next progress report once its job was cancelled. */
public final class JobCancelledException extends RuntimeException {
    public JobCancelledException(JobId id) {
        super("job " + id + " was cancelled", null, false, false);
    }
}
